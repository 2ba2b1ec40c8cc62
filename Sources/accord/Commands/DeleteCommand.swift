import AccordCore
import ArgumentParser

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete partnerships, organizations or sources by id, all or none.",
        discussion: """
            An id names a partnership, an organization or a source; when it names records of two kinds, say \
            which with --kind (exit 64). A partnership goes with its saved labels. Nothing is deleted when an \
            id names no record, or when a record that stays still names one to delete: a partnership naming \
            an organization as a party, an organization naming it as its parent, a record citing a source \
            (exit 65, listing them). Delete those too, or pass --cascade: a partnership that names a deleted \
            organization as a party, or cites only deleted sources, is deleted with it; an organization whose \
            parent is deleted stays without a parent; a record that stays loses its citations of deleted \
            sources. --dry-run prints exactly what would be deleted and changed.
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "What every id names: partnership, organization or source.")
    var kind: RecordKind?

    @Flag(help: "Also delete or change the records that refer to those deleted, as described above.")
    var cascade = false

    @Flag(help: "Print what would be deleted and changed; change nothing.")
    var dryRun = false

    @Argument(help: "The ids of the records to delete.")
    var ids: [String] = []

    @OptionGroup var idFile: IDFileOptions

    func validate() throws {
        if ids.isEmpty && idFile.file == nil { throw ValidationError("name at least one id to delete") }
    }

    func run() throws {
        try reportingErrors {
            let listed = try idFile.list()
            let workspace = try options.open()
            let store = try options.openStore(workspace)
            let deletion: Deletion
            do {
                deletion = try store.delete(ids + (listed?.ids ?? []), kind: kind, cascade: cascade, dryRun: dryRun)
            } catch let ambiguous as AmbiguousIDs {
                throw UsageError(ambiguous.description + ": say which with --kind")
            } catch let refused as DeletionRefused {
                let advice = refused.references.isEmpty ? [] : ["delete those too, or see what --cascade would do with --dry-run --cascade"]
                let lines = refused.lines(placing: { id in listed?.place(of: id) })
                throw RefusedError((lines + ["nothing deleted"] + advice).joined(separator: "\n"))
            }
            for step in deletion.steps { print(Self.text(of: step, done: !dryRun)) }
        }
    }

    /// `deleted partnership acme-kobio-2021 (it names organization acme as a party)`,
    /// or `would delete …` when not `done`.
    static func text(of step: DeletionStep, done: Bool) -> String {
        func verb(_ present: String, _ past: String) -> String { done ? past : "would " + present }
        return switch step {
        case .delete(let record):
            "\(verb("delete", "deleted")) \(record)"
        case .deletePartnershipNaming(let id, let organizations):
            "\(verb("delete", "deleted")) partnership \(id) (it names \(list("organization", organizations)) as a party)"
        case .deletePartnershipCiting(let id, let sources):
            "\(verb("delete", "deleted")) partnership \(id) (it cites only deleted sources: \(sources.joined(separator: ", ")))"
        case .clearParent(let organization, let parent):
            "\(verb("clear", "cleared")) the parent of organization \(organization) (\(parent))"
        case .removeCitations(let record, let sources):
            "\(verb("remove", "removed")) \(list("source", sources)) from the sources of \(record)"
        }
    }

    private static func list(_ kind: String, _ ids: [String]) -> String {
        (ids.count == 1 ? kind : kind + "s") + " " + ids.joined(separator: ", ")
    }
}

extension RecordKind: ExpressibleByArgument {}
