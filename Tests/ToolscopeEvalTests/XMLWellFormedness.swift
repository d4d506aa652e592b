import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML with Foundation's (libxml2-backed) parser: true when it is well-formed.
enum XMLWellFormedness {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    static func check(_ xml: String) throws -> Bool {
        let parser = XMLParser(data: Data(xml.utf8))
        guard parser.parse() else { throw Malformed(description: parser.parserError.map { "\($0)" } ?? "not well-formed") }
        return true
    }
}
