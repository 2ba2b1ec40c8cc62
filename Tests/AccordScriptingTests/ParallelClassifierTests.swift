import AccordCore
import AccordScripting
import LuaKit
import Testing

/// Batches classified on several engines, one started while the caller reads the next.
@Suite struct ParallelClassifierTests {
    /// The fixture's partnerships four times over, each copy with an id of its own.
    static let partnerships: [Partnership] = (0..<4).flatMap { copy in
        Fixture.dataset.partnerships.map { p -> Partnership in
            var p = p
            p.id = "\(p.id)-\(copy)"
            return p
        }
    }

    static let pack = dsl + """
        return pack {
          name = "basic", version = "1.0.0", labels = { export = "Export", asia = "In Asia" },
          rules = {
            rule { id = "export", label = "export", when = all{ form_is("export_contract", "distribution"), territory_in "ASEAN" } },
            rule { id = "asia", label = "asia", when = function(p)
              if p.id == "year-only-3" then error("boom") end
              for _, t in ipairs(p.territories) do if t == "KR" then return true, "KR" end end
              return false
            end },
          },
        }
        """

    func classifier(engines: Int) throws -> ParallelClassifier {
        let folder = try PackFolder()
        try folder.pack("basic", Self.pack)
        return ParallelClassifier(engines: try (0..<engines).map { _ in try folder.resolve(["basic": "*"]).0 })
    }

    @Test func startedBatchesGiveWhatOneEngineGivesInOrder() throws {
        let good = Self.partnerships.filter { $0.id != "year-only-3" }
        let one = try classifier(engines: 1).classify(good)
        #expect(one.count == good.count && one.contains { !$0.fired.isEmpty })

        let two = try classifier(engines: 2)
        // Batches of 5, 5 and 1: the last is too small to share and the first engine takes it whole.
        var results: [Classification] = []
        var pending: PendingClassification?
        for start in stride(from: 0, to: good.count, by: 5) {
            if let pending { results += try pending.wait() }
            pending = two.start(Array(good[start..<min(start + 5, good.count)]))
        }
        results += try pending?.wait() ?? []
        #expect(results == one)
        #expect(two.evaluationSeconds > 0)
    }

    @Test(arguments: [1, 2])
    func batchesStartedBeforeTheLastIsDoneWaitBehindItOnEachEngine(engines: Int) throws {
        let good = Self.partnerships.filter { $0.id != "year-only-3" }
        let one = try classifier(engines: 1).classify(good)
        let classifier = try classifier(engines: engines)
        // Every batch started at once, of 1 to 4 partnerships, so that some are shared and some are
        // not: each engine takes its parts in the order started.
        var batches: [[Partnership]] = [], start = 0
        while start < good.count {
            let end = min(start + batches.count % 4 + 1, good.count)
            batches.append(Array(good[start..<end]))
            start = end
        }
        let pending = batches.map { classifier.start($0) }
        #expect(try pending.flatMap { try $0.wait() } == one)
    }

    @Test func anErrorOnAThreadIsThrownByWaitNamingThePartnership() throws {
        let two = try classifier(engines: 2)
        let error = try #require(throws: LuaError.self) { try two.start(Self.partnerships).wait() }
        #expect(error.message.contains("boom") && error.message.hasSuffix("(classifying partnership year-only-3)"))
        // A batch never waited for still finishes before its engines are used again.
        _ = two.start(Self.partnerships)
        #expect(try two.classify(Array(Self.partnerships.prefix(4))).count == 4)
    }
}
