@testable import AccordCore
import AccordPostgres
import AccordTestSupport
import Foundation
import Testing

/// The same store read from SQLite and from PostgreSQL: the sample, with labels saved, copied to
/// a real server; every read the store offers must give both the same answer.
@Suite(.enabled(if: PostgresServer.available, "needs the server of .ci/with-postgres"))
struct ServerStoreTests {
    /// The sample in SQLite and its copy on the server, made once for the suite.
    struct Pair: @unchecked Sendable {
        let sqlite: Store
        let server: Store

        init() throws {
            sqlite = try Store.inMemory()
            try sqlite.importFiles(["sources", "organizations", "partnerships"].map {
                PostgresServer.repository.appendingPathComponent("data/sample/\($0).yaml").path
            })
            // Labels saved for some partnerships, so that label filters and groups have something to find.
            let ids = try sqlite.partnershipIDs(PartnershipFilter())
            var labels: [String: [AssignedLabel]] = [:]
            for (i, id) in ids.enumerated() where i % 3 != 0 {
                labels[id] = [AssignedLabel(label: i % 2 == 0 ? "r-and-d" : "export", isPrimary: true, origin: .rule,
                                            rule: "rule-\(i % 5)", runID: "run-1")]
                    + (i % 4 == 0 ? [AssignedLabel(label: "training", isPrimary: false, origin: .rule, runID: "run-1")] : [])
            }
            let started = Date(timeIntervalSince1970: 1_780_000_000)
            try sqlite.saveClassification(ClassificationRun(id: "run-1", started: started, finished: started,
                                                            packs: "standard 1.1.0", partnerships: labels.count,
                                                            labels: labels.values.map(\.count).reduce(0, +)),
                                          labels: labels)
            let address = try PostgresServer.makeDatabase()
            _ = try PostgresCopy.copy(sqlite, to: PostgresSession(address, credentials: PostgresServer.credentials))
            server = try Store(server: PostgresStoreServer(address, credentials: PostgresServer.credentials))
        }
    }

    static let pair = Result { try Pair() }

    private static func filter(_ change: (inout PartnershipFilter) -> Void) -> PartnershipFilter {
        var filter = PartnershipFilter()
        change(&filter)
        return filter
    }

    /// Filters that each select some of the sample, and some none.
    static let filters: [PartnershipFilter] = {
        let year2024 = try! Period.parse("2024"), quarter = try! Period.parse("2024-Q3")
        return [
            PartnershipFilter(),
            PartnershipFilter(period: year2024),
            PartnershipFilter(period: quarter, periodMembership: .coarser),
            PartnershipFilter(period: year2024, periodMembership: .outside),
            PartnershipFilter(party: "khidi"),
            PartnershipFilter(party: "Roche"),
            PartnershipFilter(country: "KR"),
            PartnershipFilter(form: .mou),
            PartnershipFilter(period: year2024, form: .mou),
            PartnershipFilter(kind: .globalPharma),
            PartnershipFilter(territory: "KR"),
            PartnershipFilter(tag: "Precision-Medicine"),
            filter { $0.partOf = "khidi-roche-precision-medicine" },
            filter { $0.series = true },
            filter { $0.series = false; $0.topLevel = true },
            PartnershipFilter(label: "export"),
            PartnershipFilter(status: .active),
            PartnershipFilter(period: year2024, status: .active),
            PartnershipFilter(ids: ["khidi-roche-precision-medicine", "no-such-id", "dksh-hanmi-sea-export-2013"]),
            PartnershipFilter(limit: 7),
            filter { $0.undated = true },
            filter { $0.unclassified = true },
            filter { $0.abroad = true; $0.home = "KR" },
            filter { $0.abroad = false },
        ]
    }()

    @Test(arguments: filters)
    func eachFilterSelectsTheSamePartnershipsOnBoth(_ filter: PartnershipFilter) throws {
        let pair = try Self.pair.get()
        let expected = try pair.sqlite.partnerships(filter)
        #expect(try pair.server.partnerships(filter) == expected)
        #expect(try pair.server.count(filter) == expected.count)
        #expect(try pair.server.partnershipIDs(filter) == expected.map(\.id))
    }

    @Test(arguments: [PartnershipFilter(), PartnershipFilter(period: try! Period.parse("2024")), PartnershipFilter(country: "KR")])
    func eachFigureOfAFilterIsTheSameOnBoth(_ filter: PartnershipFilter) throws {
        let pair = try Self.pair.get()
        let (sqliteFrames, serverFrames) = (PartnershipFrames(pair.sqlite), PartnershipFrames(pair.server))
        // Read in two halves at once, as a large frame is.
        let serverHalves = PartnershipFrames(pair.server, splitFrom: 2)
        for dimension in PartnershipDimension.allCases {
            let expected = try pair.sqlite.groups(filter, by: dimension, home: "KR")
            #expect(try pair.server.groups(filter, by: dimension, home: "KR") == expected, "\(dimension)")
            #expect(try pair.server.counts(filter, by: dimension, home: "KR") == pair.sqlite.counts(filter, by: dimension, home: "KR"))
            #expect(try pair.server.distinctCount(filter, of: dimension, home: "KR")
                    == pair.sqlite.distinctCount(filter, of: dimension, home: "KR"))
            #expect(try serverFrames.frame(filter).groups(by: dimension) == sqliteFrames.frame(filter).groups(by: dimension))
            #expect(try serverHalves.frame(filter).groups(by: dimension) == sqliteFrames.frame(filter).groups(by: dimension))
        }
        #expect(try pair.server.amountSums(filter, types: nil) == pair.sqlite.amountSums(filter, types: nil))
        #expect(try pair.server.amountSums(filter, types: ["upfront"]) == pair.sqlite.amountSums(filter, types: ["upfront"]))
        let columns = Set(PartnershipColumn.allCases)
        let (rows, expected) = (try pair.server.partnershipRows(filter, columns: columns), try pair.sqlite.partnershipRows(filter, columns: columns))
        #expect(rows.map(\.id) == expected.map(\.id))
        for (row, wanted) in zip(rows, expected) {
            #expect(row.values == wanted.values)
            #expect("\(row.columns)" == "\(wanted.columns)")
        }
    }

    @Test func theWholeDatabaseExportsTheSameBytes() throws {
        let pair = try Self.pair.get()
        #expect(DataExporter.json(try pair.server.dataset()) == DataExporter.json(try pair.sqlite.dataset()))
        #expect(try pair.server.rowCounts() == pair.sqlite.rowCounts())
        #expect(try pair.server.knownIDs() == pair.sqlite.knownIDs())
        #expect(try pair.server.revision() == pair.sqlite.revision())
        #expect(try pair.server.organizations(OrganizationFilter(country: "KR")) == pair.sqlite.organizations(OrganizationFilter(country: "KR")))
        for name in ["bms", "Bayer AG", "nobody"] {
            #expect(try pair.server.organizations(OrganizationFilter(name: name)) == pair.sqlite.organizations(OrganizationFilter(name: name)))
        }
        #expect(try pair.server.savedLabelCounts() == pair.sqlite.savedLabelCounts())
        let ids = try pair.sqlite.partnershipIDs(PartnershipFilter())
        #expect(try pair.server.savedLabelNames(for: ids) == pair.sqlite.savedLabelNames(for: ids))
    }

    @Test(arguments: [PartnershipFilter(), PartnershipFilter(period: try! Period.parse("2024")), PartnershipFilter(limit: 5)])
    func savedLabelsAndWhereTheyCameFromReadTheSameOnBoth(_ filter: PartnershipFilter) throws {
        let pair = try Self.pair.get()
        #expect(try pair.server.labelProvenance(filter) == pair.sqlite.labelProvenance(filter))
        #expect(try pair.server.labelProvenance(filter).runs.map(\.id) == ["run-1"])
        #expect(try pair.server.assignedLabels() == pair.sqlite.assignedLabels())
        let ids = Array(try pair.sqlite.partnershipIDs(filter).prefix(9))
        #expect(try pair.server.assignedLabels(for: ids) == pair.sqlite.assignedLabels(for: ids))
        #expect(try pair.server.classificationRuns() == pair.sqlite.classificationRuns())
        let (state, expected) = (try pair.server.classificationState(), try pair.sqlite.classificationState())
        #expect(state.newest == expected.newest && state.changed == expected.changed)
    }

    @Test func aRunOfEveryPartnershipOnTheServerLeavesThemCurrentUntilTheDataChanges() throws {
        let sqlite = try Store.inMemory()
        try sqlite.importFiles(["sources", "organizations", "partnerships"].map {
            PostgresServer.repository.appendingPathComponent("data/sample/\($0).yaml").path
        })
        let address = try PostgresServer.makeDatabase()
        defer { PostgresServer.drop(address) }
        _ = try PostgresCopy.copy(sqlite, to: PostgresSession(address, credentials: PostgresServer.credentials))
        let server = try Store(server: PostgresStoreServer(address, credentials: PostgresServer.credentials))
        let counted = { try server.reading(Store.unclassifiedCount) }
        let all = try server.partnershipIDs(PartnershipFilter())
        #expect(try server.classificationState().changed == all.count && counted() == all.count)

        let started = Date(timeIntervalSince1970: 1_780_000_000)
        try server.saveClassification(ClassificationRun(id: "run-1", started: started, finished: started, packs: "standard 1.1.0",
                                                        partnerships: 0, labels: 0), filter: PartnershipFilter()) { batch in
            batch.map { ($0.id, []) }
        }
        #expect(try server.classificationState().changed == 0 && counted() == 0)
        // Known current, not counted: a change behind the store's back, which raises no revision, goes unseen.
        try server.writingAny { db in try db.execute("DELETE FROM classified WHERE partnership_id = \(all[0])") }
        #expect(try server.classificationState().changed == 0 && counted() == 1)
        _ = try server.delete([all[1]])
        #expect(try server.classificationState().changed == 1)
    }

    @Test(arguments: [BatchOrder.filing, .stored])
    func batchesComeInTheSameOrderOnBoth(_ order: BatchOrder) throws {
        let pair = try Self.pair.get()
        var (expected, read): ([Partnership], [Partnership]) = ([], [])
        try pair.sqlite.forEachBatch(PartnershipFilter(), order: order, size: 10) { expected += $0 }
        try pair.server.forEachBatch(PartnershipFilter(), order: order, size: 10) { read += $0 }
        #expect(read == expected)
        #expect(read.count == 83)
    }

    @Test(arguments: [PartnershipFilter(), PartnershipFilter(period: try! Period.parse("2019"))])
    func aServerReadsWhatTwoHalvesWouldInOne(_ filter: PartnershipFilter) throws {
        let pair = try Self.pair.get()
        var expected: [String] = []
        try pair.sqlite.forEachBatch(filter, order: .stored, size: 3) { expected += $0.map(\.id) }
        let read = try pair.server.forEachBatchInHalves(filter, size: 3, initial: [String]()) { ids, batch in ids += batch.map(\.id) }
        #expect(read == [expected])
        #expect(expected.count > 6)
    }

    @Test func readingWholeTablesForACopyIsRefusedOnTheServer() throws {
        let pair = try Self.pair.get()
        let error = try #require(throws: NotOnServer.self) { try pair.server.tables() }
        #expect(error.description.hasSuffix(" is a PostgreSQL database: this works on a SQLite file only"))
    }
}
