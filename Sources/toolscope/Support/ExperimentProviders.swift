import Foundation
import ToolscopeDemo
import ToolscopeEngine
import ToolscopeEval
import ToolscopeOpenAI

/// The provider of an experiment's runs, for `toolscope eval` and the workbench's Experiments
/// screen alike: the HTTP provider when a server is chosen, else the scripted model without its
/// streaming delay (runs are measured, not watched), labelled as scripted.
enum ExperimentProviders {
    /// Why no provider could be made; the front end says it (the CLI exits 2, the screen shows it).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func make(settings: SessionSettings, real: Bool, environment: [String: String], scriptPath: String?) throws -> (provider: any ChatProvider, label: String) {
        if real {
            var settings = settings
            settings.provider.kind = .openai
            do {
                let provider = try HTTPProvider(config: settings.provider, environment: environment)
                return (provider, "\(settings.model) at \(provider.endpoint.baseURL) (\(provider.endpoint.api.label))")
            } catch {
                throw Failure(description: error.message)
            }
        }
        let script: ScriptProvider
        if let scriptPath {
            do { script = ScriptProvider(script: try SessionSetup.loadScript(scriptPath).script, delay: 0) } catch { throw Failure(description: String(describing: error)) }
        } else {
            script = ScriptProvider.demo(delay: 0)
        }
        return (script, "\(script.displayName): \(Experiment.scriptedLabel)")
    }
}
