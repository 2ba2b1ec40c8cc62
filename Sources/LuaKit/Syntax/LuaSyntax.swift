/// A local variable (or parameter, or loop variable) of a Lua chunk: each
/// name in the source refers to one, or to a global when it refers to none.
public final class LuaBinding {
    public let name: String
    /// Assigned again after its declaration: the field pass no longer trusts
    /// what it was first given.
    public var reassigned = false

    public init(name: String) { self.name = name }
}

/// A name as written, with the local it refers to (nil for a global).
public struct LuaName {
    public let token: LuaToken
    public let binding: LuaBinding?
}

public struct LuaFunctionBody {
    public var parameters: [LuaBinding]
    public var body: [LuaStatement]
}

public enum LuaTableItem {
    case positional(LuaExpression)
    /// `name = value`
    case named(LuaToken, LuaExpression)
    /// `[key] = value`
    case keyed(LuaExpression, LuaExpression)
}

public indirect enum LuaExpression {
    /// nil, true, false, a number or `...`.
    case constant
    /// A string literal: its token holds the value and where it is.
    case string(LuaToken)
    case name(LuaName)
    case function(LuaFunctionBody)
    case table([LuaTableItem])
    /// `object.name`; the token is the name's.
    case field(LuaExpression, LuaToken)
    case index(LuaExpression, LuaExpression)
    case call(LuaExpression, [LuaExpression])
    /// `object:name(arguments)`
    case method(LuaExpression, LuaToken, [LuaExpression])
    case binary(String, LuaExpression, LuaExpression)
    case unary(String, LuaExpression)
    case parenthesized(LuaExpression)
}

public indirect enum LuaStatement {
    case local([LuaBinding], [LuaExpression])
    case localFunction(LuaBinding, LuaFunctionBody)
    /// `function a.b:c() … end`: the target and the function.
    case function(LuaExpression, LuaFunctionBody)
    case assignment([LuaExpression], [LuaExpression])
    case call(LuaExpression)
    case block([LuaStatement])
    case whileLoop(LuaExpression, [LuaStatement])
    case repeatLoop([LuaStatement], LuaExpression)
    case ifElse([(LuaExpression, [LuaStatement])], [LuaStatement]?)
    case numericFor(LuaBinding, [LuaExpression], [LuaStatement])
    case genericFor([LuaBinding], [LuaExpression], [LuaStatement])
    case returning([LuaExpression])
    /// break, goto, a label or an empty statement.
    case other
}

/// A parsed chunk: its statements, and the field names the chunk assigns to
/// anywhere (`x.name = …`), which the field pass does not question.
public struct LuaChunk {
    public var body: [LuaStatement]
    public var assignedFields: Set<String>
}
