@testable import AccordReports
import Testing

@Suite struct NiceScaleTests {
    private func labels(_ scale: NiceScale) -> [String] {
        scale.ticks.map { NumberFormat.tick($0, of: scale) }
    }

    @Test func smallCountsStepByTwo() {
        let scale = NiceScale(minimum: 0, maximum: 7, integral: true)
        #expect(scale.ticks == [0, 2, 4, 6, 8])
        #expect(labels(scale) == ["0", "2", "4", "6", "8"])
    }

    @Test func countsNeverStepByFractions() {
        #expect(NiceScale(minimum: 0, maximum: 3, integral: true).ticks == [0, 1, 2, 3])
        #expect(NiceScale(minimum: 0, maximum: 1, integral: true).ticks == [0, 1])
    }

    @Test func anEmptyRangeStillHasAnAxis() {
        #expect(NiceScale(minimum: 0, maximum: 0, integral: true).ticks == [0, 1])
    }

    @Test func billionsGetCompactLabels() {
        let scale = NiceScale(minimum: 0, maximum: 170e9)
        #expect(scale.ticks == [0, 50e9, 100e9, 150e9, 200e9])
        #expect(labels(scale) == ["0", "50bn", "100bn", "150bn", "200bn"])
    }

    @Test func thousandsAreSeparatedUntilTenThousand() {
        #expect(labels(NiceScale(minimum: 0, maximum: 7_300)) == ["0", "2,000", "4,000", "6,000", "8,000"])
        #expect(labels(NiceScale(minimum: 0, maximum: 12_300)) == ["0", "5k", "10k", "15k"])
        #expect(labels(NiceScale(minimum: 0, maximum: 1_300_000)) == ["0", "0.5m", "1m", "1.5m"])
    }

    @Test func fractionsHaveNoFloatingPointNoise() {
        let scale = NiceScale(minimum: 0, maximum: 0.3)
        #expect(scale.ticks == [0, 0.1, 0.2, 0.3])
        #expect(labels(scale) == ["0.0", "0.1", "0.2", "0.3"])
        #expect(labels(NiceScale(minimum: 0, maximum: 0.07)) == ["0.00", "0.02", "0.04", "0.06", "0.08"])
    }

    @Test func negativeValuesExtendBelowZero() {
        let scale = NiceScale(minimum: -3, maximum: 7)
        #expect(scale.ticks == [-4, -2, 0, 2, 4, 6, 8])
        #expect(scale.fraction(0) == 4.0 / 12.0)
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        for maximum in [1.0, 3, 9, 11, 42, 99, 101, 555, 1234, 98_765, 3.3e6, 7e11] {
            let scale = NiceScale(minimum: 0, maximum: maximum)
            #expect([1, 2, 5].contains(scale.stepMantissa))
            #expect(scale.lower == 0 && scale.upper >= maximum && scale.ticks.count <= 7)
        }
    }
}
