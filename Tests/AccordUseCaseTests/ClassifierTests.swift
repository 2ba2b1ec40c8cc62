import AccordCore
import AccordScripting
import AccordTestSupport
import Foundation
import Testing

/// Classifying a workspace's partnerships with its packs, as `classify` and reports do.
@Suite struct ClassifierTests {
    @Test(arguments: Backend.all)
    func savingStoresEveryLabelAsOneRunWhateverTheThreads(on backend: Backend) throws {
        for threads in [1, 3] {
            let sample = try SampleWorkspace(on: backend)
            defer { sample.cleanUp() }
            var seen: [Classification] = []
            let outcome = try sample.classify(ClassifyRequest(save: true, batchSize: 7), threads: threads) { seen.append($0) }
            let run = try #require(outcome.saved)
            #expect((outcome.partnerships, run.partnerships) == (83, 83))
            #expect(outcome.width == threads)
            var stored: [String] = []
            try sample.store.forEachBatch(order: .stored) { stored += $0.map(\.id) }
            #expect(seen.map(\.partnership) == stored, "in the order the store keeps them, as batches are read")
            #expect(run.labels == seen.map(\.labels.count).reduce(0, +))
            let saved = try sample.store.assignedLabels()
            #expect(saved.values.allSatisfy { $0.allSatisfy { $0.runID == run.id } })
            let export = try #require(saved["dksh-hanmi-sea-export-2013"]?.first)
            #expect((export.label, export.isPrimary, export.origin, export.rule) == ("export", true, .rule, "standard.export-by-form"))
            #expect(try sample.store.classificationState().changed == 0)
        }
    }

    @Test func eachSavedLabelNamesTheRuleThatGaveItWithItsPacksNameVersionAndDigest() throws {
        var sample = try SampleWorkspace(on: .sqlite)
        defer { sample.cleanUp() }
        try applyRegulatedPack(version: "0.3.2", range: "^0.3", to: &sample)
        let set = try sample.rulebook().prepare(untested: .warned, drafts: .excluded)
        _ = try sample.classify()
        let saved = try sample.store.assignedLabels().values.joined().filter { $0.origin == .rule }
        #expect(Set(saved.compactMap(\.pack)) == ["standard", "team"])
        for label in saved {
            let id = try #require(label.rule)
            let rule = try #require(set.rule(id: id))
            let pack = try #require(set.pack(named: rule.pack))
            #expect((label.pack, label.packVersion, label.packDigest) == (pack.name, "\(pack.version)", pack.digest), "\(label)")
        }
    }

    @Test(arguments: Backend.all)
    func aSecondRunOfEverythingIsTheRunEveryPartnershipWasClassifiedBy(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let first = try #require(try sample.classify().saved)
        let second = try #require(try sample.classify().saved)
        #expect(first.id != second.id)
        let provenance = try sample.store.labelProvenance(PartnershipFilter())
        #expect(provenance.runs.map(\.id) == [second.id])
        #expect((provenance.partnerships, provenance.unclassified) == (83, 0))
        #expect(try sample.store.assignedLabels().values.joined().allSatisfy { $0.runID == second.id })
    }

    @Test(arguments: Backend.all)
    func withoutSavingNothingIsStored(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        var filter = PartnershipFilter()
        filter.ids = ["dksh-hanmi-sea-export-2013"]
        var labels: [String: [String]] = [:]
        let outcome = try sample.classify(ClassifyRequest(filter: filter, order: .filing)) { labels[$0.partnership] = $0.labels }
        #expect(outcome.saved == nil)
        #expect(outcome.missing.isEmpty)
        #expect(labels == ["dksh-hanmi-sea-export-2013": ["export"]])
        #expect(try sample.store.classificationRuns().isEmpty)
    }

    @Test(arguments: Backend.all, [false, true])
    func idsTheRequestDoesNotSelectStopTheRunBeforeAnythingIsClassifiedOrSaved(on backend: Backend, saving: Bool) throws {
        let cases: [(ids: [String], period: String?, missing: [String])] = [
            (["dksh-hanmi-sea-export-2013", "no-such-deal", "also-missing", "no-such-deal"], nil, ["also-missing", "no-such-deal"]),
            // One that is there, left out by the period.
            (["dksh-hanmi-sea-export-2013"], "2019", ["dksh-hanmi-sea-export-2013"]),
        ]
        for c in cases {
            let sample = try SampleWorkspace(on: backend)
            defer { sample.cleanUp() }
            var filter = PartnershipFilter()
            filter.ids = c.ids
            filter.period = try c.period.map { try Period.parse($0, asOf: SampleWorkspace.asOf) }
            var reported = 0
            let outcome = try sample.classify(ClassifyRequest(filter: filter, order: .filing, save: saving)) { _ in reported += 1 }
            #expect(outcome.missing == c.missing)
            #expect((reported, outcome.partnerships) == (0, 0))
            #expect(outcome.saved == nil)
            #expect(try sample.store.classificationRuns().isEmpty)
            #expect(try sample.store.assignedLabels().isEmpty)
        }
    }

    @Test(arguments: Backend.all)
    func sharingTheOrganizationsChangesNoClassification(on backend: Backend) throws {
        for threads in [1, 3] {
            let sample = try SampleWorkspace(on: backend)
            defer { sample.cleanUp() }
            func classifications(sharing: Bool) throws -> [Classification] {
                var seen: [Classification] = []
                var request = ClassifyRequest(batchSize: 7)
                request.sharesOrganizations = sharing
                try sample.classify(request, threads: threads) { seen.append($0) }
                return seen
            }
            let shared = try classifications(sharing: true)
            #expect(shared.count == 83)
            #expect(shared == (try classifications(sharing: false)), "\(threads) threads")
        }
    }

    @Test(arguments: Backend.all)
    func anOrganizationChangedAfterASharedRunIsSeenByTheNext(on backend: Backend) throws {
        var sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try applyRegulatedPack(version: "0.1.0", range: "^0.1", to: &sample)
        let classifier = try sample.classifier(saving: false)
        let deal = "mfds-innovative-product-consultation-program"
        func regulated(sharing: Bool) throws -> Bool {
            var filter = PartnershipFilter()
            filter.ids = sharing ? nil : [deal]
            var request = ClassifyRequest(filter: filter)
            request.sharesOrganizations = sharing
            var labels: [String] = []
            _ = try classifier.classify(request) { if $0.partnership == deal { labels = $0.labels } }
            return labels.contains("regulated")
        }
        #expect(try regulated(sharing: true))
        let file = "data/sample/organizations.yaml"
        try sample.write(try sample.read(file).replacingOccurrences(of: "kind: regulator", with: "kind: government_agency"), to: file)
        try sample.store.importFiles([sample.path(file)])
        #expect(try regulated(sharing: false) == false, "the shared organizations went with their run")
    }

    @Test(arguments: Backend.all)
    func rulesOfAUniquePackThatFireTogetherSaveNothing(on backend: Backend) throws {
        var sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write("""
            local R = accord.rules
            return R.pack { name = "team", version = "0.3.1", hit_policy = "unique",
              labels = { agreement = "A memorandum", any = "Anything" },
              rules = { R.rule { id = "agreement", label = "agreement", when = R.form_is("mou", "loi") },
                        R.rule { id = "any", label = "any", when = R.any{ R.form_is("mou"), R.form_is("license") } } } }
            """, to: "Scripts/rules/team/init.lua")
        try sample.apply("team", "^0.3")
        let error = #expect(throws: RuleProblems.self) { try sample.classify(ClassifyRequest(save: true)) }
        #expect(error?.description.contains("pack team has hit policy unique, but team.agreement and team.any fired together") == true,
                "\(String(describing: error))")
        #expect(try sample.store.classificationRuns().isEmpty)
    }

    /// A team pack whose draft rule gives `export` before the stable rule's `rnd`, in a pack of hit policy `policy`.
    static func draftPack(policy: String) -> String {
        """
        local R = accord.rules
        return R.pack { name = "team", version = "0.3.1", hit_policy = "\(policy)",
          labels = { export = "Export", rnd = "Research" },
          rules = { R.rule { id = "joint-export", label = "export", priority = 200, status = "draft",
                             when = R.form_is("co_development", "distribution") },
                    R.rule { id = "joint", label = "rnd", priority = 50, when = R.form_is("co_development") } } }
        """
    }

    @Test(arguments: Backend.all, ["collect", "first", "unique"])
    func draftsAreShownButSavedOnlyWhenIncluded(on backend: Backend, policy: String) throws {
        var sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write(Self.draftPack(policy: policy), to: "Scripts/rules/team/init.lua")
        try sample.apply("team", "^0.3")
        func labels(_ c: Classification) -> [String] { c.fired.filter { $0.rule.hasPrefix("team.") }.map(\.label) }

        var shown: [String: Classification] = [:]
        try sample.classify(ClassifyRequest(), drafts: .shown) { shown[$0.partnership] = $0 }
        let drafted = shown.values.filter { !$0.drafts.isEmpty }
        #expect(!drafted.isEmpty && drafted.allSatisfy { $0.drafts.allSatisfy { $0.rule == "team.joint-export" && $0.draft } })
        let both = try #require(shown.values.first { !$0.drafts.isEmpty && labels($0) == ["rnd"] && !$0.isManual },
                                "a co-development: the draft fires beside the stable rule")

        let excluded = try sample.classify(ClassifyRequest(save: true), drafts: .excluded)
        let saved = try sample.store.assignedLabels()
        #expect(!saved.values.joined().contains { $0.rule == "team.joint-export" }, "drafts are not saved")
        #expect(both.fired.contains { $0.rule == "team.joint" }, "the draft, though it fired first, hides nothing (\(policy))")
        for (id, c) in shown {
            let kept = saved[id] ?? []
            #expect(Set(kept.map(\.label)) == Set(c.labels), "saved = shown without drafts: \(id)")
            #expect(kept.first { $0.isPrimary }?.label == c.primary, "\(id)")
        }
        #expect(excluded.saved != nil)

        if policy == "unique" {
            let error = #expect(throws: RuleProblems.self) { try sample.classify(ClassifyRequest(save: true), drafts: .promoted) }
            #expect(error?.description.contains("team.joint-export and team.joint fired together") == true)
            #expect(try sample.store.assignedLabels() == saved, "a failed run saves nothing")
            return
        }
        var promotedBoth: Classification?
        let promoted = try #require(try sample.classify(ClassifyRequest(save: true), drafts: .promoted) {
            if $0.partnership == both.partnership { promotedBoth = $0 }
        }.saved)
        let included = try sample.store.assignedLabels()
        let draftLabel = try #require(included[both.partnership]?.first { $0.isPrimary })
        #expect((draftLabel.label, draftLabel.isPrimary, draftLabel.rule, draftLabel.runID) == ("export", true, "team.joint-export", promoted.id))
        #expect(draftLabel.packVersion == "0.3.1")
        #expect(promotedBoth?.fired.contains { $0.rule == "team.joint" } == (policy == "collect"), "promoted, it shadows as any rule")
        #expect(promotedBoth?.fired.first { $0.rule == "team.joint-export" }?.draft == true)
    }

    @Test(arguments: Backend.all)
    func labelsSetByHandWinOverTheRules(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write("""
            id,title,form,signed,parties,sources,labels
            by-hand-2019,Hanmi exports to Vietnam,export_contract,2019-05-20,hanmi:exporter,krpia-open-innovation,training

            """, to: "new.csv")
        try sample.store.importFiles([sample.path("new.csv")])
        var byHand: Classification?
        let outcome = try sample.classify { if $0.partnership == "by-hand-2019" { byHand = $0 } }
        let c = try #require(byHand)
        #expect(c.fired.contains { $0.label == "export" }, "the rules still fire")
        #expect((c.labels, c.primary, c.isManual) == (["training"], "training", true))
        #expect(c.reason(for: "training") == nil)
        let saved = try sample.store.assignedLabels(for: ["by-hand-2019"])["by-hand-2019"]
        #expect(saved == [AssignedLabel(label: "training", isPrimary: true, origin: .manual, runID: outcome.saved!.id)])
        var filter = PartnershipFilter()
        filter.label = "export"
        #expect(try !sample.store.partnerships(filter).map(\.id).contains("by-hand-2019"))
        filter.label = "training"
        #expect(try sample.store.partnerships(filter).map(\.id).contains("by-hand-2019"))
    }

    @Test(arguments: Backend.all)
    func anUpdateClassifiesWhatChangedOrEverythingWhenThePacksDid(on backend: Backend) throws {
        var sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let update = { LabelUpdate(workspace: sample.workspace, store: sample.store, limits: sample.workspace.config.limits) }
        #expect(try update().run()?.partnerships == 83, "never classified")
        #expect(try update().run() == nil, "up to date")
        try sample.write(ReportProducerTests.exportDeal, to: "new.csv")
        try sample.store.importFiles([sample.path("new.csv")])
        #expect(try update().run(threads: 2)?.partnerships == 1)
        try sample.write(ReportProducerTests.teamPack, to: "Scripts/rules/team/init.lua")
        try sample.apply("team", "^0.3")
        let all = try #require(try update().run(threads: 2))
        #expect(all.partnerships == 84)
        #expect(all.appliedPacks.map(\.name) == ["standard", "team"])
    }

    /// Several threads, each with its own Lua state, give what one gives, in the same order.
    @Test(arguments: Backend.all)
    func threadsClassifyAsOneDoes(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        func classifications(_ threads: Int) throws -> [Classification] {
            var out: [Classification] = []
            try sample.classify(ClassifyRequest(order: .filing, batchSize: 10), threads: threads) { out.append($0) }
            return out
        }
        let one = try classifications(1)
        #expect(one.count == 83)
        for threads in [2, 3] { #expect(try classifications(threads) == one) }
    }

    /// A rule may query the store while batches are read, on the reading thread as on the others.
    @Test(arguments: Backend.all)
    func rulesMayQueryTheStoreWhileBatchesAreRead(on backend: Backend) throws {
        for threads in [1, 2] {
            var sample = try SampleWorkspace(on: backend)
            defer { sample.cleanUp() }
            try sample.write("""
                local R = accord.rules
                return R.pack { name = "team", version = "0.3.1", labels = { joint = "Joint development" },
                  rules = { R.rule { id = "queried", label = "joint",
                    when = function(p) return #accord.partnerships{ ids = { p.id } } == 1 and p.form == "co_development" end } } }
                """, to: "Scripts/rules/team/init.lua")
            try sample.apply("team", "^0.3")
            let outcome = try sample.classify(ClassifyRequest(save: true, batchSize: 10), threads: threads)
            #expect(outcome.saved?.partnerships == 83)
            #expect(try sample.store.assignedLabels().values.contains { $0.contains { $0.rule == "team.queried" } })
        }
    }

    /// A rule that raises stops the run and names the partnership, whichever thread ran it; nothing is saved.
    @Test(arguments: Backend.all)
    func anErrorOnAnotherThreadNamesThePartnership(on backend: Backend) throws {
        var sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write("""
            local R = accord.rules
            return R.pack { name = "team", version = "0.3.1", labels = { rnd = "Research" },
              rules = { R.rule { id = "fails", label = "rnd",
                when = function(p) if p.id == "khidi-roche-open-innovation-center" then error("boom") end return false end } } }
            """, to: "Scripts/rules/team/init.lua")
        try sample.apply("team", "^0.3")
        let error = #expect(throws: (any Error).self) { try sample.classify(ClassifyRequest(save: true, batchSize: 40), threads: 2) }
        let message = String(describing: error)
        #expect(message.contains("boom") && message.contains("(classifying partnership khidi-roche-open-innovation-center)"), "\(message)")
        #expect(try sample.store.classificationRuns().isEmpty)
    }
}

/// Applies a pack `team` at `version`, accepted as `range`, whose one rule labels `regulated` a partnership with a regulator.
private func applyRegulatedPack(version: String, range: String, to sample: inout SampleWorkspace) throws {
    try sample.write("""
        local R = accord.rules
        return R.pack { name = "team", version = "\(version)", labels = { regulated = "With a regulator" },
          rules = { R.rule { id = "regulated", label = "regulated", when = R.involves{ kind = "regulator" } } } }
        """, to: "Scripts/rules/team/init.lua")
    try sample.apply("team", range)
}
