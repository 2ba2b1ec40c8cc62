import AccordCore
import LuaKit

/// What the field pass knows a Lua value to be.
indirect enum LintValue: Equatable {
    /// A record with a strict metatable (`partnership`, `period`, the report
    /// builder): reading a field it does not have is an error.
    case record(String)
    /// A collection, and the kind of its items when known.
    case collection(LintValue?)
    /// A plain list (`p.parties`).
    case list(LintValue)
    /// A table of keys to values of one kind (`c:group_by(…)`).
    case map(LintValue)
    /// A table of functions: `accord`, `accord.rules`.
    case module(String)
    /// A function of a module: `accord.rules.condition`.
    case function(module: String, name: String)
    case string
}

/// The declarations of `AccordAPI`, arranged for the field pass.
struct LintModel {
    /// Every declared class by its LuaLS name (`accord.Partnership`).
    let classes: [String: LuaClass]
    /// Class names whose values reject unknown fields.
    let strict: Set<String>
    /// Class names of the tables scripts pass in (filters, rule and report
    /// definitions, the builder's specs): their keys are checked.
    let passedIn: Set<String>
    let enums: Set<String>
    let modules: [String: LuaModule]
    /// Functions of the string library, for `s:method()`.
    let stringFunctions: Set<String>
    /// The labels the applied rule packs declare, when they are known.
    let labels: Set<String>?

    /// The items of the collections these functions return: `accord.partnerships`
    /// or `organization:partnerships` (their declared type is just a collection).
    static let collectionItems: [String: String] = [
        "accord.partnerships": "partnership", "accord.organizations": "organization", "organization:partnerships": "partnership",
    ]
    /// Collection methods whose results are collections of other things.
    static let transformingMethods: Set<String> = ["map"]
    static let collectionTypeName = AccordAPI.collection.typeName

    init(stringFunctions: Set<String>, labels: Set<String>? = nil) {
        self.labels = labels
        let all = AccordAPI.allClasses
        classes = Dictionary(all.map { ($0.typeName, $0) }, uniquingKeysWith: { a, _ in a })
        strict = Set(AccordAPI.classes.map(\.name) + [AccordAPI.reportBuilder.name]).subtracting([AccordAPI.collection.name])
        passedIn = Set(all.map(\.name)).subtracting(AccordAPI.classes.map(\.name))
            .subtracting([AccordAPI.reportBuilder.name, AccordAPI.condition.name])
        enums = Set(AccordAPI.enums.map(\.name))
        modules = Dictionary(AccordAPI.modules.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.stringFunctions = stringFunctions
    }

    func `class`(named name: String) -> LuaClass? { AccordAPI.allClasses.first { $0.name == name } }

    /// The value a declared type stands for. `any` stands for `item` (the
    /// items of the collection a method is called on), and a collection
    /// holds `items`.
    func value(of type: LuaTypeExpression, item: LintValue? = nil, items: LintValue? = nil) -> LintValue? {
        switch type {
        case .named("string"): return .string
        case .named("any"): return item
        case .named(Self.collectionTypeName): return .collection(items)
        case .named(let name):
            if enums.contains(name) { return .string }
            guard let declared = classes[name], strict.contains(declared.name) else { return nil }
            return .record(declared.name)
        case .array(let element): return value(of: element, item: item, items: items).map(LintValue.list)
        case .map(let element): return value(of: element, item: item, items: items).map(LintValue.map)
        case .union(let list):
            let values = list.filter { if case .named("nil") = $0 { false } else { true } }
                .map { value(of: $0, item: item, items: items) }
            guard let first = values.first, let known = first, values.allSatisfy({ $0 == known }) else { return nil }
            return known
        case .literal, .function: return nil
        }
    }

    /// The vocabulary a slot of this type takes, when it is one: `accord.Form`, `accord.Form?`.
    func enumeration(of type: LuaTypeExpression) -> LuaEnum? {
        guard case .named(let name) = type, enums.contains(name) else { return nil }
        return AccordAPI.enums.first { $0.name == name }
    }

    /// Why the literal `value` is not one of the values a slot takes, or nil when it is
    /// (or when the values are not known).
    func problem(with value: String, in enumeration: LuaEnum) -> String? {
        guard !enumeration.values.contains(value) else { return nil }
        return "'\(value)' is not \(enumeration.noun)" + Suggestion.hint(for: value, in: enumeration.values)
    }

    /// The same for a string field declared with a vocabulary of codes.
    func problem(with value: String, in vocabulary: LuaVocabulary) -> String? {
        switch vocabulary {
        case .country:
            guard !Codes.countries.contains(value) else { return nil }
            let upper = value.uppercased()
            return "'\(value)' is not an ISO 3166-1 alpha-2 country code"
                + (Codes.countries.contains(upper) ? " (did you mean '\(upper)'?)" : "")
        case .territory:
            guard !Territory.isValid(value) else { return nil }
            let upper = value.uppercased()
            return "'\(value)' is not a territory (a country code or a group such as ASEAN)"
                + (Territory.isValid(upper) ? " (did you mean '\(upper)'?)" : Suggestion.hint(for: value, in: Territory.groups.keys.sorted()))
        case .currency:
            guard !Codes.currencies.contains(value) else { return nil }
            let upper = value.uppercased()
            return "'\(value)' is not an ISO 4217 currency code" + (Codes.currencies.contains(upper) ? " (did you mean '\(upper)'?)" : "")
        case .label:
            guard let labels, !labels.contains(value) else { return nil }
            return "'\(value)' is not a label of the applied rule packs" + Suggestion.hint(for: value, in: labels.sorted())
        }
    }

    /// The class of the table a slot of this type takes, when it takes one
    /// whose keys are declared.
    func passedInClass(for type: LuaTypeExpression) -> LuaClass? {
        for name in type.names {
            if let declared = classes[name], passedIn.contains(declared.name) { return declared }
        }
        return nil
    }

    /// Parses a declared type; the declarations are tested to parse, so a
    /// failure only loses what the pass would have known.
    static func parse(_ text: String) -> LuaTypeExpression? { try? LuaTypeExpression.parse(text) }
}
