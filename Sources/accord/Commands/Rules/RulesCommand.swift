import AccordCore
import AccordScripting
import AccordSharing
import ArgumentParser
import Foundation

/// `accord rules …`: what is installed, checking it, and locking it.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, check, lock, share, install and compare the rule packs of the workspace.",
        discussion: """
            Packs are folders <name>/init.lua found on the search path: the vendored copies accord.lock pins \
            (.accord/packs), the workspace's rules folder, the folders in `pack_paths` of accord.yaml, those in \
            ACCORD_PATH (colon-separated), then the packs bundled with accord (<bundled>). `packs:` in \
            accord.yaml lists the packs to apply with a version range, and may name where one comes from \
            (git, archive or folder), which `accord rules install` fetches.
            """,
        subcommands: [RulesListCommand.self, RulesShowCommand.self, RulesCheckCommand.self, RulesLockCommand.self,
                      RulesInstallCommand.self, RulesOutdatedCommand.self, RulesUpdateCommand.self, RulesAddCommand.self,
                      RulesRemoveCommand.self, RulesDiffCommand.self, RulesScoreCommand.self, RulesPackCommand.self]
    )
}

struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List installed packs and the rules that apply.")

    @OptionGroup var options: RulesOptions

    func run() throws {
        try reportingErrors {
            let (_, _, rulebook) = try options.open()
            let applied = try? rulebook.configured().with(drafts: .shown)
            let rows = rulebook.installed.map { pack -> [String] in
                let used = applied?.pack(named: pack.name)?.key == pack.key
                return [pack.name, "\(pack.version)", pack.hitPolicy.rawValue, "\(pack.rules.count)",
                        used ? "yes" : "no", rulebook.engine.display(pack.folder)]
            }
            print(table(["PACK", "VERSION", "POLICY", "RULES", "APPLIED", "FOLDER"], rows))
            if rows.contains(where: { $0[5].hasPrefix(Workspace.bundledPrefix) }) {
                print("\n\(Workspace.bundledPrefix) is \(rulebook.workspace.bundledPacks.joined(separator: ", ")): "
                    + "copy a pack from there into \(rulebook.workspace.config.rules) to change it")
            }
            for problem in rulebook.loadProblems { warn("not loaded: \(problem)") }
            guard let applied else {
                print("\nNo rule set applies: run `accord rules check` to see why.")
                return
            }
            print("\nRules that run, in order (priority, then id):")
            print(table(["RULE", "LABEL", "PRIORITY", "STATUS"],
                        applied.rules.map { [$0.id, $0.label, "\($0.priority)", $0.status.rawValue] }))
            let idle = applied.allRules.compactMap { rule in applied.whyNotApplied(rule).map { "  \(rule.id): \($0)" } }
            if !idle.isEmpty { print("\nDeclared but not run:\n" + idle.joined(separator: "\n")) }
        }
    }
}

struct RulesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Describe a pack or one rule (pack.rule).")

    @OptionGroup var options: RulesOptions

    @Argument(help: "A pack name, or a rule id such as standard.export.")
    var id: String

    func run() throws {
        try reportingErrors {
            let (_, _, rulebook) = try options.open()
            let applied = try? rulebook.configured()
            let candidates = applied.map(\.packs) ?? rulebook.installed
            if let pack = candidates.first(where: { $0.name == id }) ?? rulebook.installed.first(where: { $0.name == id }) {
                print(describe(pack, rulebook: rulebook))
                return
            }
            let rules = candidates.flatMap(\.rules) + rulebook.installed.flatMap(\.rules)
            guard let rule = rules.first(where: { $0.id == id }) else {
                let names = rulebook.installed.map(\.name) + rules.map(\.id)
                throw UsageError("no pack or rule '\(id)'" + Suggestion.hint(for: id, in: names))
            }
            print(describe(rule, in: applied))
        }
    }

    private func describe(_ pack: Pack, rulebook: Rulebook) -> String {
        var lines = ["pack \(pack.title)"]
        if let d = pack.description { lines.append("  \(d)") }
        lines.append("  folder:     \(rulebook.engine.display(pack.folder))")
        lines.append("  digest:     \(pack.digest)")
        lines.append("  hit policy: \(pack.hitPolicy.rawValue)")
        if !pack.requires.isEmpty {
            lines.append("  requires:   " + pack.requires.map { "\($0.name) \($0.range)" }.joined(separator: ", "))
        }
        lines.append("  labels:")
        lines += pack.labels.map { "    \($0.name): \($0.description)" }
        lines.append("  rules:")
        lines += pack.rules.map { "    \($0.localID) → \($0.label) (priority \($0.priority), \($0.status.rawValue))" }
        if !pack.overlays.isEmpty {
            lines.append("  overlays:")
            lines += pack.overlays.map { o in
                "    \(o.target): " + (o.disable ? "disabled" : "narrowed by \(o.narrow ?? "")") + (o.reason.map { " — \($0)" } ?? "")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ rule: Rule, in set: RuleSet?) -> String {
        var lines = ["rule \(rule.id)"]
        if let d = rule.description { lines.append("  \(d)") }
        lines.append("  label:    \(rule.label)")
        lines.append("  priority: \(rule.priority)")
        lines.append("  status:   \(rule.status.rawValue)")
        if !rule.tags.isEmpty { lines.append("  tags:     \(rule.tags.joined(separator: ", "))") }
        lines.append("  declared: \(rule.position)")
        lines.append("  when:     \(rule.condition)")
        if let set {
            for overlay in set.narrowed[rule.id] ?? [] {
                lines.append("  narrowed by pack \(overlay.pack): \(overlay.narrow ?? "")" + (overlay.reason.map { " — \($0)" } ?? ""))
            }
            if let why = set.whyNotApplied(rule) { lines.append("  not run:  \(why)") }
        }
        return lines.joined(separator: "\n")
    }
}

struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every installed pack, the applied set and the lockfile.",
        discussion: "Also run before every `accord classify`. Exits 65 when there is a problem.")

    @OptionGroup var options: RulesOptions

    func run() throws {
        try reportingErrors {
            let (_, _, rulebook) = try options.open()
            let problems = rulebook.check()
            guard problems.isEmpty else { throw RuleProblems(problems) }
            let rules = rulebook.installed.reduce(0) { $0 + $1.rules.count }
            let packs = rulebook.installed.count
            print("ok: \(packs) pack\(packs == 1 ? "" : "s"), \(rules) rule\(rules == 1 ? "" : "s")")
        }
    }
}

struct RulesLockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Write accord.lock: the version and content digest of every applied pack.",
        discussion: "A classification whose packs no longer match the lockfile fails until the lock is written again.")

    @OptionGroup var options: RulesOptions

    func run() throws {
        try reportingErrors {
            let (workspace, _, rulebook) = try options.open()
            let set = try rulebook.configured()
            try rulebook.lock(set)
            for pack in set.packs { print("locked \(pack.title) \(pack.digest)") }
            print("wrote \(rulebook.engine.display(workspace.lockPath))")
        }
    }
}

struct RulesPackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Check, test and archive a pack for publishing: NAME-VERSION.tar.gz.",
        discussion: """
            Runs what `accord check` and `accord test` run for the pack first (its Lua checked, luacheck when \
            installed, loading, its fixtures and test cases), and refuses to pack when anything fails. The archive \
            holds accord-pack.yaml (name, version, requires, digest, accord range, licence, authors, description) \
            and every file of the pack but hidden ones under NAME/; the same pack always gives the same bytes. \
            A version already in the folder with other content is refused; with the same content, nothing changes. \
            In a git repository, so is a version whose tag (PATH/vX.Y.Z, or vX.Y.Z for a pack at the root) holds \
            other Lua code; --tag creates that tag on the current commit, which `accord rules install` reads. \
            Exits 65 when the pack is refused.
            """)

    @OptionGroup var options: RulesOptions

    @Option(help: ArgumentHelp("The folder the archive is written to (default: dist/ in the workspace).", valueName: "folder"))
    var out: String?

    @Argument(help: "The pack's name: the first copy on the search path is packed.")
    var name: String

    @Flag(help: "Also tag the version in the pack's git repository (PATH/vX.Y.Z), for teams that install from git.")
    var tag = false

    func run() throws {
        try reportingErrors {
            let (workspace, _, rulebook) = try options.open()
            let publisher = PackPublisher(rulebook: rulebook)
            let pack = try publisher.pack(named: name)
            let folder = out.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? workspace.root.appendingPathComponent("dist")
            let gitTag = PackTag(packFolder: URL(fileURLWithPath: pack.folder), version: pack.version)
            if tag && gitTag == nil { throw UsageError("--tag: \(rulebook.engine.display(pack.folder)) is not in a git repository") }
            let tagged = try gitTag?.isPublished(as: pack.digest) ?? false
            if tag, !tagged { try gitTag?.checkCommitted() }
            let publication = try publisher.publish(pack, to: folder)
            for warning in publication.check.warnings { warn(warning) }
            if publication.check.luacheckSkipped {
                warn("accord: luacheck is not installed: undefined globals and unused variables were not checked")
            }
            let archive = rulebook.engine.display(publication.archive.path)
            let cases = switch publication.check.cases {
            case 0: "it has no test cases"
            case 1: "1 case passed"
            case let n: "\(n) cases passed"
            }
            switch publication.outcome {
            case .written:
                print("checked and tested \(pack.title) (\(cases))")
                print("wrote \(archive) (\(publication.manifest.digest))")
            case .alreadyPublished:
                print("\(archive): \(pack.title) is already published, with the same content")
            }
            if let gitTag, tag {
                if tagged {
                    print("tag \(gitTag.name) already publishes \(pack.title), with the same content")
                } else {
                    try gitTag.create(message: "\(pack.title)")
                    print("tagged \(gitTag.name): push it (git push origin \(gitTag.name)) for other teams to install it")
                }
            }
        }
    }
}
