import AccordCore
import AccordReports
import Foundation

/// Makes one report for one period: brings the saved labels up to date, builds
/// the document, renders it, and writes it with its manifest into the report's
/// folder, as `accord report` does.
public struct ReportProducer {
    public let workspace: Workspace
    public let store: Store
    public let host: ReportHost
    public let limits: ScriptLimits
    /// Prints `--format pdf`; nil where there is no PDF engine.
    public var printer: (any PDFPrinter)?

    /// Reports made by `host` name `workspace` above their title, and know its home country.
    public init(workspace: Workspace, store: Store, host: ReportHost, limits: ScriptLimits, printer: (any PDFPrinter)? = nil) {
        self.workspace = workspace
        self.store = store
        self.host = host
        self.limits = limits
        self.printer = printer
        host.workspaceName = workspace.config.name
        host.homeCountry = workspace.config.resolvedHomeCountry
    }

    /// Brings the saved labels up to date, so that a report never counts purposes of
    /// stale or missing labels; returns the run saved, if one was. Reports then call the
    /// labels what the packs call them. A failure is `LabelsOutOfDate`.
    public func updateLabels() throws -> ClassificationRun? {
        let outcome: LabelUpdate.Outcome
        do { outcome = try LabelUpdate(workspace: workspace, store: store, limits: limits).update() } catch {
            throw LabelsOutOfDate(cause: error)
        }
        host.labelNames = outcome.labelNames
        return outcome.saved
    }

    /// Builds, renders and writes the report `request` asks for; writes nothing for a
    /// period without partnerships when the request or the script skips those, or when
    /// the output is unchanged and the request asks to leave it then. The formats already in
    /// the folder stay; when the report changed they are rendered again from it, so that the
    /// folder never holds two versions of the report. PDF without a printer is left out of
    /// what is written, then thrown as `FormatsNotRendered`.
    public func produce(_ request: ReportRequest) throws -> ReportOutcome {
        let (script, period, parameters) = (request.script, request.period, request.parameters)
        let filed = try store.count(PartnershipFilter(period: period))
        if (script.skipIfEmpty || request.skipIfEmpty) && filed == 0 { return .skipped }
        if let fx = workspace.config.fx, host.exchangeRates == nil {
            host.exchangeRates = try FXRates.load(from: workspace.path(fx), display: fx)
        }
        let asked = try Self.formats(request.formats, for: script)
        let folder = request.folder ?? defaultFolder(script, period, parameters)
        let earlier = ReportManifest.read(in: folder)
        // The formats that list the period's partnerships read them while the report builds, which
        // leaves the second core mostly idle, and make the workbook's sheets of them there, so that
        // the workbook starts with them made. See `smallListing`.
        let (store, labelNames) = (store, host.labelNames)
        let lists = (asked + (earlier?.formats ?? [])).contains(where: Self.listsPartnerships)
        let listed = try host.listing(script, period: period, params: parameters)
        // Counted only when some format lists them, and then only when `listing` narrows the period.
        let listedCount = !lists || listed == PartnershipFilter(period: period) ? filed : try store.count(listed)
        let small = listedCount <= smallListing, sheets = asked.contains(.xlsx)
        let scriptDone = DispatchSemaphore(value: 0)
        var listing = !lists ? nil : Background {
            let rows = try PeriodPartnerships.listing(of: listed, in: store, labelNames: labelNames, inHalves: !small)
            if sheets && !small { scriptDone.wait() }
            return (rows: rows, sheets: sheets ? WorkbookListing(rows) : nil)
        }
        var document: ReportDocument
        do {
            defer { scriptDone.signal() } // however the build ends, the listing waits no longer
            document = try host.build(script, period: period, params: parameters) { scriptDone.signal() }
        }
        let modules = host.loadedModules.map { workspace.display($0) }.sorted()
        let classification = try Self.classification(of: period, in: store)
        let scriptDigest = Self.digest(of: script, modules: host.loadedModules)
        document.source = ReportSource(asOf: request.asOf.description, timeZone: workspace.config.timeZone, parameters: parameters,
                                       script: script.file, modules: modules, digest: scriptDigest,
                                       classification: classification, exchangeRates: host.usedRates)
        var context = RenderContext(printer: printer, day: request.asOf.description,
                                    csvByteOrderMark: workspace.config.csvByteOrderMark,
                                    navigation: request.folder == nil
                                        ? Self.navigation(period, parameters, asOf: request.asOf, first: firstPeriod(of: script, asOf: request.asOf))
                                        : nil)
        // The workbook, the slowest format, starts now, beside the JSON and the other formats.
        var workbook: RenderingWorkbook?
        if asked.contains(.xlsx), let listing {
            (context.partnerships, context.workbookListing) = try listing.value()
            workbook = host.startWorkbook(document, with: context)
        }
        var json: RenderedFile? = try ReportRenderer.render(document, as: .json)[0]
        let renderedFrom = renderedFrom(json!.data)
        let unchangedReport = earlier?.renderedFrom == renderedFrom
        var formats = asked
        if let earlier, !unchangedReport { formats += earlier.formats.filter { !asked.contains($0) } }
        var unprinted: RenderError?
        if printer == nil, formats.contains(.pdf) {
            unprinted = RenderError.noPDFEngine
            formats.removeAll { $0 == .pdf }
            if formats.isEmpty { throw RenderError.noPDFEngine }
        }
        // Each file goes to the folder's draft as it is rendered; only its entry stays in memory.
        let draft = try ReportFolderDraft(for: folder)
        defer { draft.discard() }
        var files: [ReportManifest.File] = []
        func keep(_ file: RenderedFile) throws {
            files.append(ReportManifest.File(file, digest: ContentDigest.sha256))
            try draft.add(file)
        }
        if formats.contains(.json), let json { try keep(json) }
        json = nil
        if formats.contains(where: Self.listsPartnerships) {
            context.partnerships = try listing?.value().rows ?? PeriodPartnerships.listing(of: listed, in: store, labelNames: labelNames)
            FreedMemory.giveBack() // the records the rows were made from
        }
        try host.render(document, script: script, as: formats.filter { $0 != .json }, with: context, started: workbook, each: keep)
        let rendered = files.map(\.name)
        if unchangedReport { try Self.kept(in: folder, besides: formats).forEach(keep) }
        let entries = files.sorted { $0.name < $1.name }
        let content = ReportManifest.contentDigest(of: entries, hash: { ContentDigest.sha256($0) })
        if request.ifChanged, ReportManifest.read(in: folder)?.contentDigest == content { return .unchanged(folder: folder) }
        let manifest = ReportManifest(
            report: script.id, title: script.title, period: document.period, asOf: request.asOf.description,
            timeZone: workspace.config.timeZone, parameters: parameters, script: script.file, scriptDigest: scriptDigest,
            classification: classification, rows: Self.rows(of: document), partnerships: filed,
            files: entries, contentDigest: content, generated: ISO8601DateFormatter().string(from: Date()),
            seconds: (Date().timeIntervalSince(request.started) * 1000).rounded() / 1000, exchangeRates: document.source?.exchangeRates,
            figures: IndexFigure.leading(document), renderedFrom: renderedFrom)
        try draft.add(RenderedFile(name: "manifest.json", data: try manifest.json()))
        try draft.commit()
        // What the report was made of is freed on another thread while the caller goes on: a year's
        // listing and document took a quarter of a second to free at a million partnerships.
        Self.freeing.free(&document.blocks, leaving: [])
        Self.freeing.free(&context.partnerships, leaving: [])
        Self.freeing.free(&context.workbookListing, leaving: nil)
        Self.freeing.free(&listing, leaving: nil)
        Self.freeing.free(&workbook, leaving: nil)
        let outcome = ReportOutcome.written(folder: folder, files: (rendered + ["manifest.json"]).sorted())
        if let unprinted { throw FormatsNotRendered(outcome: outcome, formats: [.pdf], cause: unprinted) }
        return outcome
    }

    /// Where reports' documents and listings are freed once written.
    private static let freeing = Freeing("accord.report.freeing")

    /// The most partnerships a period's listing is read of on one thread while its report builds,
    /// and made into the workbook's sheets at once. A larger period's is read in two halves at once,
    /// which name the parties from every organization read in one pass, and its sheets are made
    /// once the script has run and what it counted is freed, while its document is read, so that
    /// they do not add to the build's peak of memory.
    var smallListing = 20_000

    /// Whether files of `format` list the period's partnerships (`partnerships.csv`, the workbook's sheet).
    private static func listsPartnerships(_ format: ReportFormat) -> Bool { format == .csv || format == .xlsx }

    /// `sha256:…` of what every file is rendered from: the document, as `report.json` has it,
    /// and the settings that shape the files.
    private func renderedFrom(_ json: Data) -> String {
        ContentDigest.sha256(json, then: Data("\u{0}csv_bom=\(workspace.config.csvByteOrderMark)\u{0}paper=\(workspace.config.paper)".utf8))
    }

    /// The files of `folder`, a report's earlier output rendered from the same report, in formats
    /// other than `formats`: a period's folder holds every format rendered for it, each replaced
    /// when it is rendered again. A file that is missing or no longer matches its manifest entry
    /// is not kept.
    static func kept(in folder: URL, besides formats: [ReportFormat]) -> [RenderedFile] {
        guard let manifest = ReportManifest.read(in: folder) else { return [] }
        return manifest.files.compactMap { entry in
            guard let format = ReportFormat(ofFile: entry.name), !formats.contains(format),
                  let data = try? Data(contentsOf: folder.appendingPathComponent(entry.name)),
                  ContentDigest.sha256(data) == entry.digest else { return nil }
            return RenderedFile(name: entry.name, data: data)
        }
    }

    /// The formats named in `text` (`html,md`), else the script's, else the standard ones; `+json,pdf`
    /// adds formats to those (what `run-due` asks for a job that delivers).
    public static func formats(_ text: String?, for script: ReportScript) throws(ReportFormatError) -> [ReportFormat] {
        let own = script.formats.isEmpty ? ReportFormat.standard.map(\.rawValue) : script.formats
        var names = text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? own
        if let first = names.first, first.hasPrefix("+") { names = own + [String(first.dropFirst())] + names.dropFirst() }
        var seen: Set<String> = []
        names = names.filter { seen.insert($0).inserted }
        let all = ReportFormat.allCases.map(\.rawValue)
        guard !names.isEmpty else {
            throw ReportFormatError(description: "--format: name at least one of \(all.joined(separator: ", "))")
        }
        return try names.map { name throws(ReportFormatError) in
            guard let f = ReportFormat(rawValue: name) else {
                throw ReportFormatError(description: "unknown format '\(name)': use "
                    + all.dropLast().joined(separator: ", ") + " or " + all.last!
                    + Suggestion.hint(for: name, in: ReportFormat.allCases.map(\.rawValue)))
            }
            return f
        }
    }

    /// `Reports/<id>/2019-Q4`, or `Reports/<id>/2019-khidi` for a report with parameters.
    private func defaultFolder(_ script: ReportScript, _ period: Period, _ parameters: [String: String]) -> URL {
        URL(fileURLWithPath: workspace.path(workspace.config.output))
            .appendingPathComponent(script.id).appendingPathComponent(Self.folderName(period, parameters))
    }

    /// `2019-Q4`, or `2019-khidi` for a report with parameters.
    static func folderName(_ period: Period, _ parameters: [String: String]) -> String {
        let values = parameters.sorted { $0.key < $1.key }.map(\.value)
        return String(([period.label] + values).joined(separator: "-").map { c -> Character in
            c.isLetter || c.isNumber || c == "-" || c == "." || c == "_" ? c : "_"
        })
    }

    /// Links to the pages of the periods before and after: the one before only from the report's
    /// `start` on, the next only once it has ended by the as-of day. They follow from the period
    /// alone, never from what else has been rendered, so that rendering a neighbour never
    /// changes a page's content.
    static func navigation(_ period: Period, _ parameters: [String: String], asOf: CalendarDay, first: Period?) -> ReportNavigation {
        func link(_ neighbour: Period) -> ReportNavigation.Link {
            .init(label: neighbour.label, href: "../\(folderName(neighbour, parameters))/report.html")
        }
        let previous = period.previous(), next = period.next()
        return ReportNavigation(previous: first.map { previous.start >= $0.start } ?? true ? link(previous) : nil,
                                next: next.finish < asOf ? link(next) : nil)
    }

    /// The first period the script declares (`start`), if it does and it reads as one.
    private func firstPeriod(of script: ReportScript, asOf: CalendarDay) -> Period? {
        script.start.flatMap { try? workspace.periods(asOf: asOf).parse($0) }
    }

    /// Where the labels of the partnerships filed in `period` come from.
    static func classification(of period: Period, in store: Store) throws -> ReportClassification {
        let provenance = try store.labelProvenance(PartnershipFilter(period: period))
        let runs = provenance.runs.isEmpty ? try store.classificationState().newest.map { [$0] } ?? [] : provenance.runs
        return ReportClassification(
            runs: runs.map(\.id),
            packs: (runs.first?.appliedPacks ?? []).map { .init(name: $0.name, version: $0.version, digest: $0.digest) },
            partnerships: provenance.partnerships, unlabelled: provenance.unlabelled, unclassified: provenance.unclassified)
    }

    /// `sha256:…` over the script's digest and each module it loaded, by file name.
    static func digest(of script: ReportScript, modules: [String]) -> String {
        var text = script.digest + "\n"
        for path in modules.sorted() {
            let contents = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            text += (path as NSString).lastPathComponent + "\u{0}" + ContentDigest.sha256(contents) + "\n"
        }
        return ContentDigest.sha256(Data(text.utf8))
    }

    static func rows(of document: ReportDocument) -> [String: Int] {
        var rows: [String: Int] = [:]
        for case .table(let table) in document.blocks { rows[table.id] = table.rows.count }
        return rows
    }
}

/// One report to make: the script, the period and parameters, the formats and where to write.
public struct ReportRequest {
    public var script: ReportScript
    public var period: Period
    public var parameters: [String: String]
    /// The formats to write, comma-separated as given (`html,md`); nil for the script's, else all.
    public var formats: String?
    /// The day relative periods were resolved against.
    public var asOf: CalendarDay
    /// The folder to write to; nil for `Reports/<id>/<period>/`.
    public var folder: URL?
    /// Leave the folder as it is when the new output has the same content.
    public var ifChanged: Bool
    /// Write nothing for a period with no partnerships, whatever the script says.
    public var skipIfEmpty: Bool
    /// When making the report started, for the manifest's time taken.
    public var started: Date

    public init(script: ReportScript, period: Period, parameters: [String: String] = [:], formats: String? = nil,
                asOf: CalendarDay, folder: URL? = nil, ifChanged: Bool = false, skipIfEmpty: Bool = false,
                started: Date = Date()) {
        self.script = script
        self.period = period
        self.parameters = parameters
        self.formats = formats
        self.asOf = asOf
        self.folder = folder
        self.ifChanged = ifChanged
        self.skipIfEmpty = skipIfEmpty
        self.started = started
    }
}

/// What making a report came to.
public enum ReportOutcome: Equatable {
    /// The files written into `folder`, by name, sorted, the manifest among them.
    case written(folder: URL, files: [String])
    /// Nothing written: no partnerships are filed in the period.
    case skipped
    /// Nothing written: the folder already holds the same content.
    case unchanged(folder: URL)
}

/// A report written without some of the formats asked for (PDF without a printer): the
/// outcome of what was written, and why the rest was not.
public struct FormatsNotRendered: Error {
    public let outcome: ReportOutcome
    public let formats: [ReportFormat]
    public let cause: RenderError
}

/// Saved labels that could not be brought up to date before a report: the report is not made.
public struct LabelsOutOfDate: Error {
    public let cause: Error

    public init(cause: Error) { self.cause = cause }
}

/// Formats asked for that are not formats, or none at all.
public struct ReportFormatError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
