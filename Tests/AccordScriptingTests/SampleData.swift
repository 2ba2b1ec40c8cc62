import AccordCore
import AccordScripting
import Foundation

/// The sample workspace's data (`data/sample`, the standard pack's test corpus), which the
/// reference's examples run against.
enum SampleData {
    /// The repository's root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The day after the sample's last period, as `make run` uses it.
    static let periods = PeriodContext(asOf: CalendarDay(year: 2026, month: 1, day: 1)!)

    static func store() throws -> Store {
        let folder = root.appendingPathComponent("Sources/accord/Packs/standard/tests/data")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let store = try Store.inMemory()
        try store.importFiles(files.map { folder.appendingPathComponent($0).path })
        return store
    }

    static func host() throws -> ScriptHost {
        try ScriptHost(store: store(), modulePaths: [], periods: periods)
    }
}
