import Foundation
import ToolscopeDemo
import ToolscopeEngine
import ToolscopeExternalTools

/// What every front end does before a loop can run: open the session (or the embedded
/// default), load a script, decide trust and build the tool registry.
enum SessionSetup {
    /// The session at `path`, or the embedded default when `path` is nil.
    static func loadSession(_ path: String?) throws(SessionLoadError) -> Session {
        guard let path else { return Session.embeddedDefault() }
        return try SessionFile.load(path: path)
    }

    /// `--save PATH` may replace PATH only when it is the session just loaded from `sessionPath`,
    /// does not exist yet, or is a session this version reads fully. A newer toolscope's file, a
    /// damaged one, or anything that is not a session is never overwritten (exit 2, before any work).
    static func checkSaveTarget(_ save: String?, loadedFrom sessionPath: String?) throws {
        guard let save, FileManager.default.fileExists(atPath: save) else { return }
        if let sessionPath, canonical(sessionPath) == canonical(save) { return }
        do {
            _ = try SessionFile.load(path: save)
        } catch {
            throw CLIExit.fail("--save \(save): the file there is not a session this version reads fully, so it is not overwritten (\(error.description)); choose another path")
        }
    }

    /// An absolute path with `.`/`..` and symlinks resolved, for comparing two spellings.
    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Reads a script file; errors name the file, line and column or JSON pointer.
    static func loadScript(_ path: String) throws -> ScriptProvider {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SetupError("\(path): cannot read the script (\(FileManager.default.fileExists(atPath: path) ? "not readable UTF-8" : "no such file"))")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw SetupError("\(path):\(error.line):\(error.column): invalid JSON: \(error.message)")
        }
        do {
            return try ScriptProvider(json: json)
        } catch {
            let at = JSONPointerLocator.position(of: error.path, in: text).map { ":\($0.line):\($0.column)" } ?? ""
            throw SetupError("\(path)\(at): \(error.description)")
        }
    }

    /// The scripted or replay provider a session asks for (the OpenAI provider is built by ProviderOptions).
    static func offlineProvider(for session: Session, sessionPath: String?, scriptPath: String?) throws -> any ChatProvider {
        if let scriptPath { return try loadScript(scriptPath) }
        switch session.settings.provider.kind {
        case .replay:
            if let replayPath = session.settings.provider.replayPath {
                let resolved = resolve(replayPath, against: sessionPath)
                do {
                    return ReplayProvider(recording: try SessionFile.load(path: resolved))
                } catch {
                    throw SetupError(error.description)
                }
            }
            return ReplayProvider(recording: session)
        case .scripted, .openai:
            if let inline = session.script {
                do { return try ScriptProvider(json: inline) } catch { throw SetupError("\(sessionPath ?? "session") /script: \(error.description)") }
            }
            if let path = session.settings.provider.scriptPath { return try loadScript(resolve(path, against: sessionPath)) }
            return ScriptProvider.demo()
        }
    }

    static func context(for session: Session, sessionPath: String?) -> SessionContext {
        let base = sessionPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? FileManager.default.currentDirectoryPath
        return SessionContext(baseDirectory: base, mcpServers: session.mcpServers, processLimits: ToolProcessLimits(settings: session.settings))
    }

    /// Paths in a session are relative to the session file's directory.
    static func resolve(_ path: String, against sessionPath: String?) -> String {
        guard !path.hasPrefix("/"), let sessionPath else { return path }
        return URL(fileURLWithPath: sessionPath).deletingLastPathComponent().appendingPathComponent(path).path
    }
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
