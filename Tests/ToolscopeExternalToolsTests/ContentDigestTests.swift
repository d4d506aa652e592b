import Testing
@testable import ToolscopeExternalTools

/// The digest helper must print exactly what the hand-written SHA-256 it replaced printed:
/// trust stores on users' disks hold these strings.
@Suite("content digest")
struct ContentDigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(ContentDigest.sha256Hex(Array(input.utf8)) == digest)
    }

    @Test func aMillionAsSpanningManyBlocks() {
        #expect(ContentDigest.sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func aDigestStartingBelowSixteenKeepsItsLeadingZero() {
        // SHA-256("toolscope 1") begins with the byte 0x05: it must print as "05", not "5".
        let digest = ContentDigest.sha256Hex(Array("toolscope 1".utf8))
        #expect(digest == "05a83bc82b050c17948de0487f65d049cb5e4054cc86c8a418ccd609f3f6d5a9")
        #expect(digest.count == 64)
    }
}
