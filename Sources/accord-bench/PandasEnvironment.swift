import Foundation
import ToolSupport

/// The Python that runs the pandas baseline: a virtual environment in `.build-pandas/` of the
/// checkout, made on first use with the pinned versions of `Benchmarks/requirements-pandas.txt`,
/// so that a bench run always has its pandas ratio.
struct PandasEnvironment {
    let repository: URL

    var folder: URL { repository.appendingPathComponent(".build-pandas") }
    var python: String { folder.appendingPathComponent("bin/python").path }
    private var requirements: String { repository.appendingPathComponent("Benchmarks/requirements-pandas.txt").path }
    private var stamp: URL { folder.appendingPathComponent(".installed") }

    /// The environment's Python, made and filled first when it is missing or its pins changed;
    /// `say` is told what is being done.
    func ready(say: (String) -> Void) throws -> String {
        let wanted = try String(contentsOfFile: requirements, encoding: .utf8)
        if (try? String(contentsOf: stamp, encoding: .utf8)) == wanted, works() { return python }
        guard let system = which("python3") else {
            throw BenchError("python3 is not installed: the pandas baseline needs it (apt-get install python3 python3-venv)")
        }
        say("setting up pandas in \(folder.lastPathComponent)/ (\(wanted.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: ", ")))")
        try? FileManager.default.removeItem(at: folder)
        do {
            try mustRun([system, "-m", "venv", folder.path], in: repository.path)
            try mustRun([python, "-m", "pip", "install", "-q", "-r", requirements], in: repository.path)
        } catch {
            throw BenchError("cannot set up pandas in \(folder.path): \(error)\n(--no-pandas leaves the baseline out)")
        }
        guard works() else { throw BenchError("pandas was installed in \(folder.path) but does not import") }
        try wanted.write(to: stamp, atomically: true, encoding: .utf8)
        return python
    }

    private func works() -> Bool {
        FileManager.default.isExecutableFile(atPath: python)
            && (try? runChild([python, "-c", "import pandas"], in: repository.path))?.status == 0
    }
}
