/// The Python side of the `python` binding: a worker that imports the user's modules, calls
/// their functions with keyword arguments and answers in JSON lines; it also generates tool
/// definitions from signatures and docstrings (`describe`). Standard library only.
///
/// The worker is a real Python file, `Resources/toolscope_worker.py`, shipped as a SwiftPM
/// resource (a test compiles it with Python itself). `EmbeddedScript` copies it into the cache
/// directory under a name holding its content hash, so a worker started by one toolscope build
/// never runs another build's copy.
enum PythonWorkerSource {
    static let resourceName = "toolscope_worker.py"

    /// The worker's source, read from the resource bundle once.
    static func script() throws(ToolFileError) -> EmbeddedScript {
        try cached.get()
    }

    private static let cached: Result<EmbeddedScript, ToolFileError> = Result { () throws(ToolFileError) in
        EmbeddedScript(baseName: "python-worker", source: try ModuleResources.text(resourceName))
    }
}
