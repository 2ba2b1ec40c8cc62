import Foundation

/// What comes with the `accord` binary: the rule packs every workspace can
/// apply (`Packs/`), and the example and report scripts of the sample workspace
/// (`Sample/`), whose data is the standard pack's test corpus.
enum Bundled {
    private static var resources: URL { Bundle.module.resourceURL!.standardizedFileURL }

    /// The folder of bundled packs, searched after every other pack folder.
    static var packs: String { resources.appendingPathComponent("Packs").path }

    /// The sample workspace's scripts: `examples/` and `reports/`.
    static var sample: URL { resources.appendingPathComponent("Sample") }

    /// The sample partnerships, organizations and sources.
    static var sampleData: URL { resources.appendingPathComponent("Packs/standard/tests/data") }
}
