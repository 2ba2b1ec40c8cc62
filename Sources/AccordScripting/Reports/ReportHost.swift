import AccordCore
import AccordReports
import Foundation
import LuaKit

/// A report script as declared by `accord.report{…}`.
public struct ReportScript: Sendable {
    public var id: String
    public var title: String
    public var description: String?
    public var grain: Period.Grain
    /// The first period the report covers, when declared.
    public var start: String?
    /// The formats it is rendered to when none are asked for.
    public var formats: [String]
    public var skipIfEmpty: Bool
    /// Parameters it takes (`--param org=ID`), with what each means.
    public var params: [(name: String, description: String)]
    /// The script file, as messages show it.
    public var file: String
    /// `sha256:…` of the script file.
    public var digest: String
}

/// Runs report scripts in the sandbox and turns what they build into a
/// `ReportDocument`.
public final class ReportHost {
    private let runtime: ScriptRuntime
    private let store: Store
    private let host: LuaReference
    private var definitions: [String: LuaReference] = [:]
    /// Where each script declares its report (`report.lua:3`), by file.
    private var declarations: [String: String] = [:]
    /// The host's copies of the last document built and of its rendered
    /// files, counted against the script's memory budget.
    private var copies: HostCopies?

    public init(store: Store, modulePaths: [String], periods: PeriodContext, limits: ScriptLimits = ScriptLimits()) throws {
        runtime = try ScriptRuntime(store: store, modulePaths: modulePaths, periods: periods, limits: limits)
        self.store = store
        host = try runtime.module.reportsHost()
    }

    private var sandbox: LuaSandbox { runtime.sandbox }
    private var module: AccordModule { runtime.module }

    /// What `accord.names.label` calls each label (the applied packs' `labels`), by label.
    public var labelNames: [String: String] {
        get { module.labelNames }
        set { module.labelNames = newValue }
    }

    /// Whose reports they are: the workspace's `name`, shown above each report's title.
    public var workspaceName: String?

    /// The exchange rates `accord.convert` converts with (the workspace's `fx` file).
    public var exchangeRates: FXRates? {
        get { module.exchangeRates }
        set { module.exchangeRates = newValue }
    }

    /// The rates the last `build` converted with, as its report cites them; nil when it
    /// converted nothing.
    public var usedRates: ExchangeRates? {
        guard let rates = module.exchangeRates, !module.usedRates.isEmpty else { return nil }
        return ExchangeRates(currency: rates.currency, date: rates.date, source: rates.source, rates: module.usedRates)
    }

    /// What `accord.home_country()` says (the workspace's `resolvedHomeCountry`).
    public var homeCountry: String? {
        get { module.homeCountry }
        set { module.homeCountry = newValue }
    }

    /// The files scripts loaded with `require` so far, absolute.
    public var loadedModules: [String] { sandbox.loadedModules }

    /// Runs the script at `path` (shown as `display`) and reads its declaration.
    public func load(_ path: String, display: String) throws -> ReportScript {
        let source: String
        do { source = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LuaError(kind: .runtime, message: "cannot read \(display): \(error.localizedDescription)")
        }
        let lua = sandbox.state.lua
        let base = lua.top
        defer { lua.top = base }
        let environment = try runtime.makeEnvironment()
        host.push()
        lua.getField("describe", in: -1)
        lua.remove(at: -2)
        try sandbox.run(source, chunkName: display, environment: environment, results: 1)
        lua.pushValue(at: -1)
        let definition = sandbox.state.reference()
        lua.push(declarationLine(of: "report", in: source).map { "\(display):\($0)" } ?? display)
        try sandbox.call(arguments: 2, results: 1)
        let t = lua.top
        let name = ((display as NSString).lastPathComponent as NSString).deletingPathExtension
        let id = lua.stringField("id", in: t) ?? name
        guard id.first?.isLetter == true, id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }) else {
            throw LuaError(kind: .runtime, message: "\(display): report: the file name '\(name)' cannot be the report's id "
                + "(it names a folder): give the report an `id` of letters, digits, '_' and '-'")
        }
        var params: [(name: String, description: String)] = []
        lua.forEachItem(of: "params", in: t) { params.append((lua.stringField("name", in: $0) ?? "", lua.stringField("text", in: $0) ?? "")) }
        let script = ReportScript(
            id: id, title: lua.stringField("title", in: t) ?? id, description: lua.stringField("description", in: t),
            grain: Period.Grain(rawValue: lua.stringField("grain", in: t) ?? "") ?? .quarter,
            start: lua.stringField("start", in: t), formats: lua.stringList("formats", in: t),
            skipIfEmpty: lua.boolField("skip_if_empty", in: t), params: params, file: display,
            digest: ContentDigest.sha256(Data(source.utf8)))
        definitions[display] = definition
        declarations[display] = lua.stringField("at", in: t) ?? display
        return script
    }

    /// The partnerships the report's listing holds (`partnerships.csv`, the workbook's Partnerships
    /// and Amounts sheets): those of `period`, narrowed by the conditions its `listing` gives.
    public func listing(_ script: ReportScript, period: Period, params: [String: String]) throws -> PartnershipFilter {
        guard let definition = definitions[script.file] else { preconditionFailure("load the script first") }
        let lua = sandbox.state.lua
        let base = lua.top
        defer { lua.top = base }
        try pushHost("listing", definition, period, params)
        let at = declarations[script.file] ?? script.file
        do { try sandbox.call(arguments: 3, results: 1) } catch {
            guard error.chunk == nil else { throw error } // the script's own error names its line
            throw LuaError(kind: error.kind, message: "\(at): report: \(error.message)", traceback: error.traceback)
        }
        var filter = PartnershipFilter(period: period)
        guard lua.type(at: -1) != .nil else { return filter }
        do {
            filter = try FilterReader(lua: lua, function: "listing", periods: module.periods).partnershipFilter(at: lua.top)
        } catch {
            throw LuaError(kind: .runtime, message: "\(at): report: \(error)")
        }
        guard filter.period == nil, filter.periodMembership == .inside, filter.limit == nil else {
            throw LuaError(kind: .runtime, message: "\(at): report: listing: its period is the report's, and it lists "
                           + "every partnership its conditions select: leave out 'period', 'dated' and 'limit'")
        }
        filter.period = period
        filter.home = homeCountry // what `abroad` is reckoned from, as in counts
        return filter
    }

    /// Runs the script's `build` for `period` and returns the document it built.
    ///
    /// The document counts against the script's memory limit, with the Lua
    /// that built it: one that does not fit stops with the limit's message at
    /// the line that added the block. It stays counted, with its files from
    /// `render(_:script:as:)`, until the next build.
    /// `scriptDone` is called once the script has run and what it counted and read is freed,
    /// before its document is read.
    public func build(_ script: ReportScript, period: Period, params: [String: String],
                      scriptDone: () -> Void = {}) throws -> ReportDocument {
        guard let definition = definitions[script.file] else { preconditionFailure("load the script first") }
        let lua = sandbox.state.lua
        let base = lua.top
        defer {
            lua.top = base
            sandbox.state.collectGarbage() // the builder's tables: the document holds what they said
        }
        copies = nil
        module.usedRates = [:]
        module.beginMemo()
        defer { module.endMemo() }
        let copies = HostCopies(budget: sandbox.state.budget)
        self.copies = copies
        try pushHost("build", definition, period, params)
        try sandbox.call(arguments: 3, results: 1)
        // What the build counted and read is not needed to read the document it made.
        module.endMemo()
        sandbox.state.collectGarbage()
        FreedMemory.giveBack()
        scriptDone()
        var document = ReportDocument(id: script.id, title: script.title, workspace: workspaceName, period: ReportPeriod(
            label: period.label, grain: period.grain.rawValue, start: period.start.description,
            finish: period.finish.description, previous: period.previous().label, yearBefore: period.yearBefore().label))
        let reader = DocumentReader(lua: lua, store: store, period: period, copies: copies, labelNames: labelNames)
        document.blocks = try reader.blocks(at: lua.top)
        return document
    }

    /// Pushes the host's `function` (of `reports.lua`) and its three arguments: the script's
    /// definition, the period and the parameters.
    private func pushHost(_ function: String, _ definition: LuaReference, _ period: Period, _ params: [String: String]) throws {
        let lua = sandbox.state.lua
        host.push()
        lua.getField(function, in: -1)
        lua.remove(at: -2)
        definition.push()
        try module.push(period, on: lua)
        lua.newTable(fields: params.count)
        for (key, value) in params.sorted(by: { $0.key < $1.key }) {
            lua.push(value)
            lua.setField(key)
        }
    }

    /// Starts rendering the workbook of the document `build` made last on another core, so that
    /// it renders while the caller goes on (the JSON, the other formats), when the budget holds
    /// three estimates at once (its own, and another format's with its files); nil when it does
    /// not. Give it to `render`, which delivers it last.
    public func startWorkbook(_ document: ReportDocument, with context: RenderContext) -> RenderingWorkbook? {
        guard let copies else { preconditionFailure("build the document first") }
        let estimate = 2 * copies.counted
        guard copies.reserveIfItFits(3 * estimate) else { return nil }
        copies.release(2 * estimate)
        return RenderingWorkbook(files: Background { try ReportRenderer.render(document, as: .xlsx, with: context) }, estimate: estimate)
    }

    /// What the document counts, and so what each format may cost (tests).
    var counted: Int { copies?.counted ?? 0 }

    /// The budget the script and the host's copies of its report share (tests).
    var budget: LuaBudget { sandbox.state.budget }

    /// Renders the document `build` made last in each format and hands each file to `deliver`,
    /// which keeps it elsewhere. Before a format is rendered, twice the document's size must fit
    /// beside what is counted against the script's memory limit, and its files count until they
    /// are delivered: a report whose files would not fit stops with the limit's message at the
    /// line that declares the report (a `LuaError`). A format that cannot be rendered (a PDF
    /// without its engine) is a `RenderError`.
    ///
    /// The workbook, the slowest to render, is the one `started` (`startWorkbook`), or one started
    /// now beside the other formats when the budget holds it; either is delivered last.
    public func render(_ document: ReportDocument, script: ReportScript, as formats: [ReportFormat],
                       with context: RenderContext = RenderContext(),
                       started: RenderingWorkbook? = nil, each deliver: (RenderedFile) throws -> Void) throws {
        guard let copies else { preconditionFailure("build the document first") }
        let estimate = 2 * copies.counted
        copies.position = declarations[script.file] ?? script.file
        var workbook = started
        if workbook == nil, formats.contains(.xlsx), formats.count > 1 {
            workbook = startWorkbook(document, with: context)
        }
        func deliverCounted(_ files: [RenderedFile], _ format: ReportFormat) throws {
            copies.activity = "rendering the report as \(format.rawValue)"
            let size = files.reduce(0) { $0 + $1.data.count + HostCopies.stringOverhead }
            try copies.reserve(size)
            for file in files { try deliver(file) }
            copies.release(size)
        }
        for format in formats where !(format == .xlsx && workbook != nil) {
            copies.activity = "rendering the report as \(format.rawValue)"
            try copies.reserve(estimate)
            let files = try ReportRenderer.render(document, as: format, with: context)
            copies.release(estimate)
            try deliverCounted(files, format)
        }
        if let workbook {
            let files = try workbook.files.value()
            copies.release(workbook.estimate)
            if formats.contains(.xlsx) { try deliverCounted(files, .xlsx) }
        }
    }
}

/// A workbook rendering on a thread of its own (`ReportHost.startWorkbook`), and what the
/// budget holds for it until it is delivered.
public struct RenderingWorkbook {
    fileprivate let files: Background<[RenderedFile]>
    fileprivate let estimate: Int
}

