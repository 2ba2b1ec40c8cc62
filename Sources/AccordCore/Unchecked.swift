/// A value handed to other threads that the code around it keeps from racing:
/// used by one thread at a time, or, for a buffer, an element per thread.
package struct Unchecked<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
