import Foundation

/// Draws a chart's SVG as PNG for e-mail, where clients drop inline SVG: librsvg's
/// `rsvg-convert`, at twice the size for sharp screens, under a time limit.
public struct PNGConverter: Sendable {
    /// The program and its arguments; the SVG goes to its standard input, the PNG comes from its output.
    public var command: [String]
    public var timeout: Double
    /// When the whole delivery must be done: each chart gets what is left of it, not a limit of its own.
    public var deadline: Date?

    public static let defaultCommand = ["rsvg-convert", "--zoom", "2", "--format", "png"]

    public init(command: [String] = PNGConverter.defaultCommand, timeout: Double = 30, deadline: Date? = nil) {
        self.command = command
        self.timeout = timeout
        self.deadline = deadline
    }

    public func png(_ svg: Data, name: String) throws(DeliveryError) -> Data {
        let limit = deadline.map { $0.timeIntervalSinceNow } ?? timeout
        guard limit > 0 else { throw DeliveryError("\(name): stopped at the time limit (schedule.delivery_timeout)") }
        let outcome: CommandRunner.Outcome
        do { outcome = try CommandRunner.run(command, input: svg, timeout: limit) } catch {
            throw DeliveryError("\(name): \(error) (install librsvg2-bin for rsvg-convert)")
        }
        if outcome.timedOut { throw DeliveryError("\(name): rsvg-convert was stopped at the time limit (schedule.delivery_timeout)") }
        guard outcome.status == 0, outcome.stdout.starts(with: [0x89, 0x50, 0x4e, 0x47]) else {
            throw DeliveryError("\(name): rsvg-convert: \(outcome.firstError)")
        }
        return outcome.stdout
    }
}
