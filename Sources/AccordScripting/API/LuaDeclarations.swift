import Foundation

/// Declarations of what the `accord` module exposes to scripts. One
/// declaration of each type, field, method, function and vocabulary feeds the
/// bindings (field lists, accepted keys), the Markdown reference
/// (`APIReference`) and the LuaLS meta files (`LuaStubs`), and the tests
/// check them against what scripts really get.

/// A type scripts see: a record, a collection, a period, or a table a script
/// passes in (a filter, a rule, a report's table).
public struct LuaClass: Sendable {
    /// The name used in messages and metatables: `partnership`, `report_builder`.
    public let name: String
    /// The name examples give a value of the type (`p` for a partnership), when it has methods.
    public let variable: String?
    public let doc: String
    /// How the examples of this type are run (and read).
    public let examples: ExampleSetting
    /// A short Lua snippet showing the type in use.
    public let example: String
    public let fields: [LuaField]
    public let methods: [LuaFunction]
    /// The type of the list part when the type is also a list (`any` for a collection).
    public let elements: String?

    init(name: String, variable: String? = nil, doc: String, examples: ExampleSetting, example: String, fields: [LuaField],
         methods: [LuaFunction] = [], elements: String? = nil) {
        self.name = name
        self.variable = variable
        self.doc = doc
        self.examples = examples
        self.example = example
        self.fields = fields
        self.methods = methods
        self.elements = elements
    }

    public var fieldNames: [String] { fields.map(\.name) }
    /// The LuaLS class name: `accord.Partnership`, `accord.ReportBuilder`.
    public var typeName: String {
        "accord." + name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// A field of a `LuaClass`.
public struct LuaField: Sendable {
    public let name: String
    /// A LuaLS type: `string`, `string?`, `integer`, `accord.Party[]`. A
    /// trailing `?` means the field may be nil (or left out of a table).
    public let type: String
    public let doc: String
    /// One line of Lua: an expression statement, or a table entry when the
    /// class's examples say so.
    public let example: String
    /// The codes a string field takes, when they are a fixed list too long for an
    /// `---@alias` or the workspace's own: `accord check` checks literal values.
    public let vocabulary: LuaVocabulary?

    init(_ name: String, _ type: String, _ doc: String, example: String, vocabulary: LuaVocabulary? = nil) {
        self.name = name
        self.type = type
        self.doc = doc
        self.example = example
        self.vocabulary = vocabulary
    }

    public var isOptional: Bool { type.hasSuffix("?") }
}

/// Codes a string field takes that are not declared as a `LuaEnum`.
public enum LuaVocabulary: Sendable {
    /// ISO 3166-1 alpha-2.
    case country
    /// A country or a named group of countries (`ASEAN`).
    case territory
    /// ISO 4217.
    case currency
    /// A purpose label, from the labels the applied rule packs declare.
    case label
}

/// A function of a module table, or a method of a `LuaClass`.
public struct LuaFunction: Sendable {
    public let name: String
    /// `name: type` pairs, as LuaLS writes them; `...: string` for varargs, a
    /// trailing `?` for an optional parameter.
    public let parameters: [String]
    /// The types of the results, in order; empty for none.
    public let returns: [String]
    public let doc: String
    /// A short Lua snippet calling the function.
    public let example: String

    init(_ name: String, _ parameters: [String], _ returns: [String], _ doc: String, example: String) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.doc = doc
        self.example = example
    }

    /// The parameters split into name and type.
    public var parameterList: [(name: String, type: String)] {
        parameters.map { parameter in
            guard let colon = parameter.range(of: ": ") else { return (parameter, "any") }
            return (String(parameter[..<colon.lowerBound]), String(parameter[colon.upperBound...]))
        }
    }
}

/// A table of functions: `accord`, `accord.rules`.
public struct LuaModule: Sendable {
    /// The name scripts reach it by: `accord.rules`.
    public let name: String
    public let doc: String
    public let examples: ExampleSetting
    public let functions: [LuaFunction]
}

/// A closed vocabulary: a set of strings taken from an enumeration of the
/// model, declared to LuaLS as an `---@alias` of string literals.
public struct LuaEnum: Sendable {
    /// The LuaLS name: `accord.Form`.
    public let name: String
    public let doc: String
    public let values: [String]
    public let example: String
    /// What one of its values is called in messages: `a form`, `a product kind`.
    public let noun: String
    /// Enum examples are scripts of their own.
    public var examples: ExampleSetting { .script() }

    init(_ name: String, doc: String, values: [String], example: String, noun: String? = nil) {
        self.name = name
        self.doc = doc
        self.values = values
        self.example = example
        self.noun = noun ?? "a " + name.dropFirst("accord.".count).map { $0.isUppercase ? " " + $0.lowercased() : String($0) }
            .joined().trimmingCharacters(in: .whitespaces)
    }

    init<E: CaseIterable & RawRepresentable>(_ name: String, _: E.Type, doc: String, example: String)
    where E.RawValue == String {
        self.init(name, doc: doc, values: E.allCases.map(\.rawValue), example: example)
    }
}

/// Where a declaration's examples run, which is also what a reader needs to
/// know to try them.
public struct ExampleSetting: Sendable {
    public enum Place: Sendable {
        /// A script run with `accord run`.
        case script
        /// The body of a report's `build = function(r, period, params) … end`.
        case reportBuild
    }

    public let place: Place
    /// Lua run before each example, binding the names the examples use; shown
    /// in the reference.
    public let setup: String
    /// Field examples are table entries (`grain = "month"`) rather than statements.
    public let fieldsAreEntries: Bool

    static func script(_ setup: String = "", fieldsAreEntries: Bool = false) -> ExampleSetting {
        ExampleSetting(place: .script, setup: setup, fieldsAreEntries: fieldsAreEntries)
    }

    static func reportBuild(_ setup: String = "", fieldsAreEntries: Bool = false) -> ExampleSetting {
        ExampleSetting(place: .reportBuild, setup: setup, fieldsAreEntries: fieldsAreEntries)
    }
}
