/// Why a request produced no usable answer. `partial` keeps whatever arrived before the failure,
/// so the trace can show it without ever treating it as a complete answer.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The server answered with an error status.
        case http
        /// Could not connect, TLS failed, or the connection broke.
        case connection
        /// Connect, read-idle or overall deadline passed.
        case timeout
        /// The stream ended early (no [DONE] or no finish_reason).
        case truncated
        /// A chunk or body was not the expected JSON.
        case malformed
        /// An `error` payload arrived inside a stream.
        case streamError
        /// The user cancelled.
        case cancelled
        /// The scripted or replay model has nothing to play, or its file is wrong.
        case script
        /// Missing configuration (no API key, bad URL…).
        case configuration
    }

    public var kind: Kind
    /// A sentence for the user: what happened and, where known, what to do.
    public var message: String
    public var status: Int?
    public var errorType: String?
    public var errorCode: String?
    public var partial: Message?
    /// Raw response body (redacted), when there was one.
    public var rawBody: String?

    public init(kind: Kind, message: String, status: Int? = nil, errorType: String? = nil, errorCode: String? = nil,
                partial: Message? = nil, rawBody: String? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.errorType = errorType
        self.errorCode = errorCode
        self.partial = partial
        self.rawBody = rawBody
    }

    public var description: String {
        var s = message
        if let status { s = "HTTP \(status): " + s }
        return s
    }
}
