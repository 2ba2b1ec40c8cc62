import AccordCore
import LuaKit

extension LuaLimits {
    /// The workspace's limits as the sandbox takes them.
    public init(_ limits: ScriptLimits) {
        self.init(instructions: limits.instructions, timeout: limits.timeout, memory: limits.memory)
    }
}
