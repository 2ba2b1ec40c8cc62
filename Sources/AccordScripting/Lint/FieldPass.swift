import AccordCore
import LuaKit

/// Finds reads of fields, and calls of methods, that the declared types do not
/// have — `p.titel` where `p` is a partnership — keys that a table passed to
/// the API does not take (`r:table{ colums = … }`), and literal values outside
/// a declared vocabulary (`accord.partnerships{ form = "licence" }`), without
/// running the script.
///
/// It knows a value's type only where the API says what it is: what
/// `accord.partnerships{…}` and the other declared functions and methods
/// return, the fields of records, the items of collections and lists in
/// `ipairs` loops and callbacks (`c:filter(function(p) … end)`), and the
/// parameters of functions written where the API takes a callback
/// (`R.condition(text, function(p) … end)`, `when = function(p)`, a report's
/// `build = function(r, period, params)`). Anything else is unknown and never
/// questioned: a local assigned again after its declaration, the parameters of
/// named functions, values from other modules, and field names the chunk
/// assigns anywhere.
struct FieldPass {
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var code: String
        var message: String
        /// A finding that may be wrong: a label the applied packs do not declare may be set by hand.
        var isWarning = false
    }

    let model: LintModel
    /// Whether the pack reader validates the tables given to `accord.rules`
    /// (it does in a pack, when the pack loads): their keys are then left to it.
    let rulesValidated: Bool
    /// False while visiting the arguments of an `accord.rules` call the pack reader validates.
    private var checkingKeys = true
    /// What the pass knows each local holds, when it knows, by binding.
    private var known: [ObjectIdentifier: LintValue] = [:]
    private var assignedFields: Set<String> = []
    private(set) var findings: [Finding] = []

    init(model: LintModel, rulesValidated: Bool = false) {
        self.model = model
        self.rulesValidated = rulesValidated
    }

    /// The findings in `source`, or nil when the pass cannot parse it.
    mutating func check(_ source: String) -> [Finding]? {
        guard let chunk = try? LuaParser.parse(source) else { return nil }
        assignedFields = chunk.assignedFields
        findings = []
        statements(chunk.body)
        return findings
    }

    // MARK: Statements

    private mutating func statements(_ list: [LuaStatement]) {
        for statement in list { self.statement(statement) }
    }

    private mutating func statement(_ statement: LuaStatement) {
        switch statement {
        case .local(let bindings, let expressions):
            let values = self.values(expressions)
            for (i, binding) in bindings.enumerated() { known[ObjectIdentifier(binding)] = i < values.count ? values[i] : nil }
        case .localFunction(_, let body):
            function(body, parameters: nil, item: nil)
        case .function(_, let body):
            function(body, parameters: nil, item: nil)
        case .assignment(let targets, let expressions):
            for target in targets {
                switch target {
                case .field(let object, _): _ = value(object)
                case .index(let object, let key):
                    _ = value(object)
                    _ = value(key)
                default: break
                }
            }
            _ = values(expressions)
        case .call(let call):
            _ = value(call)
        case .block(let body):
            statements(body)
        case .whileLoop(let condition, let body):
            _ = value(condition)
            statements(body)
        case .repeatLoop(let body, let condition):
            statements(body)
            _ = value(condition)
        case .ifElse(let branches, let otherwise):
            for (condition, body) in branches {
                _ = value(condition)
                statements(body)
            }
            if let otherwise { statements(otherwise) }
        case .numericFor(_, let limits, let body):
            _ = values(limits)
            statements(body)
        case .genericFor(let variables, let iterators, let body):
            let item = loopItem(iterators)
            for (i, variable) in variables.enumerated() { known[ObjectIdentifier(variable)] = i == 1 ? item : nil }
            statements(body)
        case .returning(let expressions):
            _ = values(expressions)
        case .other:
            break
        }
    }

    /// The value of the second variable of `for _, x in ipairs(list)`,
    /// `pairs(map)` or `accord.sorted_pairs(map)`, when known.
    private mutating func loopItem(_ iterators: [LuaExpression]) -> LintValue? {
        guard iterators.count == 1, case .call(let callee, let arguments) = iterators[0], arguments.count == 1 else {
            _ = values(iterators)
            return nil
        }
        let iterator: String?
        if case .name(let n) = callee, n.binding == nil, ["ipairs", "pairs"].contains(n.token.text) {
            iterator = n.token.text
        } else if value(callee) == .function(module: "accord", name: "sorted_pairs") {
            iterator = "pairs"
        } else {
            iterator = nil
        }
        let over = value(arguments[0])
        switch (iterator, over) {
        case ("ipairs", .list(let item)?): return item
        case ("ipairs", .collection(let item)?): return item
        case ("pairs", .map(let item)?): return item
        default: return nil
        }
    }

    /// Visits a function written in the source; `parameters`, from the slot
    /// it is written in, give its parameters' types.
    private mutating func function(_ body: LuaFunctionBody, parameters: [LuaTypeExpression.Parameter]?, item: LintValue?) {
        let outer = checkingKeys
        checkingKeys = true
        defer { checkingKeys = outer }
        for (i, binding) in body.parameters.enumerated() {
            guard let parameters, i < parameters.count, parameters[i].name != "..." else {
                known[ObjectIdentifier(binding)] = nil
                continue
            }
            known[ObjectIdentifier(binding)] = model.value(of: parameters[i].type, item: item)
        }
        statements(body.body)
    }

    // MARK: Expressions

    /// The values of an expression list: the last expression gives all its results.
    private mutating func values(_ expressions: [LuaExpression]) -> [LintValue?] {
        var out: [LintValue?] = []
        for (i, expression) in expressions.enumerated() {
            if i == expressions.count - 1 { out += results(expression) } else { out.append(value(expression)) }
        }
        return out
    }

    private mutating func results(_ expression: LuaExpression) -> [LintValue?] {
        switch expression {
        case .call(let callee, let arguments):
            return call(callee, arguments)
        case .method(let object, let name, let arguments):
            return method(object, name, arguments)
        default:
            return [value(expression)]
        }
    }

    /// The value of an expression written in a slot of `slot`'s type (an
    /// argument, a field of a table passed in), when known.
    @discardableResult
    private mutating func value(_ expression: LuaExpression, slot: LuaTypeExpression? = nil, item: LintValue? = nil) -> LintValue? {
        switch expression {
        case .constant:
            return nil
        case .string(let token):
            if checkingKeys, let slot, let enumeration = model.enumeration(of: slot),
               let problem = model.problem(with: token.text, in: enumeration) {
                report(token, "unknown-value", problem)
            }
            return .string
        case .name(let name):
            if let binding = name.binding { return binding.reassigned ? nil : known[ObjectIdentifier(binding)] }
            return name.token.text == "accord" ? .module("accord") : nil
        case .function(let body):
            function(body, parameters: slot?.callbackParameters, item: item)
            return nil
        case .table(let items):
            table(items, slot: slot, item: item)
            return nil
        case .field(let object, let key):
            let base = value(object)
            return base.flatMap { field(of: $0, key) }
        case .index(let object, let key):
            let base = value(object)
            _ = value(key)
            switch base {
            case .list(let item)?, .map(let item)?: return item
            case .collection(let item)?: return item
            default: return nil
            }
        case .call, .method:
            return results(expression).first ?? nil
        case .binary(let op, let left, let right):
            let l = value(left), r = value(right)
            guard op == "or", let l else { return nil }
            if l == r || isErrorCall(right) { return l }
            return nil
        case .unary(_, let operand):
            _ = value(operand)
            return nil
        case .parenthesized(let inner):
            return value(inner, slot: slot, item: item)
        }
    }

    private func isErrorCall(_ expression: LuaExpression) -> Bool {
        if case .call(.name(let name), _) = expression { return name.binding == nil && name.token.text == "error" }
        return false
    }

    private mutating func table(_ items: [LuaTableItem], slot: LuaTypeExpression?, item: LintValue?) {
        let declared = slot.flatMap(model.passedInClass(for:))
        let element = declared == nil ? slot?.arrayElement : nil
        for entry in items {
            switch entry {
            case .named(let key, let v):
                guard let declared else {
                    value(v)
                    continue
                }
                if let field = declared.fields.first(where: { $0.name == key.text }) {
                    value(v, slot: LintModel.parse(field.type), item: item)
                    if checkingKeys, let vocabulary = field.vocabulary, case .string(let token) = v,
                       let problem = model.problem(with: token.text, in: vocabulary) {
                        report(token, "unknown-value", problem, isWarning: vocabulary == .label)
                    }
                } else {
                    if checkingKeys {
                        report(key, "unknown-field", "\(declared.typeName) has no field '\(key.text)'"
                            + Suggestion.hint(for: key.text, in: declared.fieldNames))
                    }
                    value(v)
                }
            case .positional(let v):
                value(v, slot: element, item: item)
            case .keyed(let k, let v):
                value(k)
                value(v)
            }
        }
    }

    // MARK: Fields, methods and calls

    /// Reads `key` of a value: reports a field the value's type lacks, and
    /// gives the field's value when known.
    private mutating func field(of base: LintValue, _ key: LuaToken) -> LintValue? {
        let name = key.text
        switch base {
        case .record(let type):
            guard let declared = model.class(named: type) else { return nil }
            if let field = declared.fields.first(where: { $0.name == name }) {
                return LintModel.parse(field.type).flatMap { model.value(of: $0) }
            }
            if declared.methods.contains(where: { $0.name == name }) || assignedFields.contains(name) { return nil }
            let hint = AccordAPI.renamed[name].map { " (did you mean '\($0)'?)" }
                ?? Suggestion.hint(for: name, in: declared.fieldNames + declared.methods.map(\.name))
            report(key, "unknown-field", "\(type) has no field '\(name)'\(hint)")
            return nil
        case .collection:
            let methods = AccordAPI.collection.methods.map(\.name)
            if !methods.contains(name) && !assignedFields.contains(name) {
                report(key, "unknown-field", "collection has no field '\(name)'" + Suggestion.hint(for: name, in: methods))
            }
            return nil
        case .module(let moduleName):
            guard let module = model.modules[moduleName] else { return nil }
            if module.functions.contains(where: { $0.name == name }) { return .function(module: moduleName, name: name) }
            let submodule = moduleName + "." + name
            if model.modules[submodule] != nil { return .module(submodule) }
            if !assignedFields.contains(name) {
                let names = module.functions.map(\.name)
                    + model.modules.keys.filter { $0.hasPrefix(moduleName + ".") }.map { String($0.dropFirst(moduleName.count + 1)) }
                report(key, "unknown-field", "\(moduleName) has no field '\(name)'" + Suggestion.hint(for: name, in: names))
            }
            return nil
        default:
            return nil
        }
    }

    /// `callee(arguments)`: the arguments in the slots the callee declares, and its results.
    private mutating func call(_ callee: LuaExpression, _ arguments: [LuaExpression]) -> [LintValue?] {
        guard case .function(let moduleName, let name)? = value(callee),
              let declared = model.modules[moduleName]?.functions.first(where: { $0.name == name }) else {
            for argument in arguments { value(argument) }
            return [nil]
        }
        let items = LintModel.collectionItems["\(moduleName).\(name)"].map(LintValue.record)
        let outer = checkingKeys
        if rulesValidated && moduleName == AccordAPI.rulesModule.name { checkingKeys = false }
        defer { checkingKeys = outer }
        return apply(declared, to: arguments, item: nil, items: items)
    }

    /// `object:name(arguments)`: reports a method the object's type lacks.
    private mutating func method(_ object: LuaExpression, _ key: LuaToken, _ arguments: [LuaExpression]) -> [LintValue?] {
        let base = value(object)
        let name = key.text
        let methods: [LuaFunction]
        var item: LintValue?, items: LintValue?
        var owner: String
        switch base {
        case .record(let type)?:
            methods = model.class(named: type)?.methods ?? []
            owner = type
            items = LintModel.collectionItems["\(type):\(name)"].map(LintValue.record)
        case .collection(let of)?:
            methods = AccordAPI.collection.methods
            owner = "collection"
            item = of
            items = LintModel.transformingMethods.contains(name) ? nil : of
        case .string?:
            for argument in arguments { value(argument) }
            if !model.stringFunctions.isEmpty && !model.stringFunctions.contains(name) && !assignedFields.contains(name) {
                report(key, "unknown-method", "string has no method '\(name)'" + Suggestion.hint(for: name, in: model.stringFunctions.sorted()))
            }
            return [["lower", "upper", "sub", "gsub", "rep", "reverse", "format"].contains(name) ? .string : nil]
        default:
            for argument in arguments { value(argument) }
            return [nil]
        }
        guard let declared = methods.first(where: { $0.name == name }) else {
            if !assignedFields.contains(name) {
                report(key, "unknown-method", "\(owner) has no method '\(name)'" + Suggestion.hint(for: name, in: methods.map(\.name)))
            }
            for argument in arguments { value(argument) }
            return [nil]
        }
        return apply(declared, to: arguments, item: item, items: items)
    }

    /// Visits the arguments of a call of a declared function in the slots of
    /// its parameters, and gives the values of its results.
    private mutating func apply(_ declared: LuaFunction, to arguments: [LuaExpression], item: LintValue?, items: LintValue?) -> [LintValue?] {
        let parameters = declared.parameterList
        for (i, argument) in arguments.enumerated() {
            let parameter = i < parameters.count ? parameters[i] : parameters.last.flatMap { $0.name == "..." ? $0 : nil }
            value(argument, slot: parameter.flatMap { LintModel.parse($0.type) }, item: item)
        }
        let results = declared.returns.map { type in LintModel.parse(type).flatMap { model.value(of: $0, item: item, items: items) } }
        return results.isEmpty ? [nil] : results
    }

    private mutating func report(_ token: LuaToken, _ code: String, _ message: String, isWarning: Bool = false) {
        findings.append(Finding(line: token.line, column: token.column, code: code, message: message, isWarning: isWarning))
    }
}
