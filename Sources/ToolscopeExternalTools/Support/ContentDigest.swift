import Crypto
import Foundation

/// The one content hash of this module: SHA-256 as 64 lowercase hex digits, from swift-crypto.
///
/// Trust decisions (`TrustStore`) and cached script names (`EmbeddedScript`) are keyed by it, and
/// trust stores already on users' disks hold these exact strings: the format (lowercase hex of the
/// plain SHA-256 of the bytes) must never change, or every trusted session would need trust again.
enum ContentDigest {
    static func sha256Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        SHA256.hash(data: Array(bytes)).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
