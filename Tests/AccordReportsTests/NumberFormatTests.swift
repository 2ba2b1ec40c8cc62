@testable import AccordReports
import Testing

@Suite struct NumberFormatTests {
    @Test func countsAreWholeWithThousandsSeparated() {
        #expect(NumberFormat.count(0) == "0")
        #expect(NumberFormat.count(7) == "7")
        #expect(NumberFormat.count(1234) == "1,234")
        #expect(NumberFormat.count(1_234_567) == "1,234,567")
        #expect(NumberFormat.count(-1234) == "-1,234")
        #expect(NumberFormat.count(2.5) == "2.5")
        #expect(NumberFormat.count(1e20) == "100,000,000,000,000,000,000")
    }

    @Test func moneyHasCentsOnlyWhenNotWhole() {
        #expect(NumberFormat.money(1_500_000, currency: "KRW") == "1,500,000 KRW")
        #expect(NumberFormat.money(1234.5, currency: "USD") == "1,234.50 USD")
        #expect(NumberFormat.money(0.125, currency: "EUR") == "0.13 EUR")
        #expect(NumberFormat.money(99.999, currency: "EUR") == "100 EUR")
        #expect(NumberFormat.value(170e9, unit: "KRW") == "170,000,000,000 KRW")
    }

    @Test func largeAmountsKeepEveryDigitADoubleHolds() {
        #expect(NumberFormat.money(1.2e15, currency: "VND") == "1,200,000,000,000,000 VND")
        #expect(NumberFormat.money(1_234_567_890_123_456.5, currency: "VND") == "1,234,567,890,123,456.50 VND")
        #expect(NumberFormat.money(1e18, currency: "IDR") == "1,000,000,000,000,000,000 IDR")
        #expect(NumberFormat.money(Double("123456789012345678")!, currency: "IDR") == "123,456,789,012,345,680 IDR")
        #expect(NumberFormat.count(1e24) == "1,000,000,000,000,000,000,000,000")
        #expect(NumberFormat.count(1.2345678901234567e23) == "123,456,789,012,345,670,000,000")
        #expect(NumberFormat.plain(1_234_567_890_123_456.5) == "1234567890123456.5")
        #expect(NumberFormat.plain(-1e24) == "-1000000000000000000000000")
        #expect(NumberFormat.compact(1.2e15, unit: "VND") == "1,200tn VND")
    }

    @Test func percentagesHaveOneDecimal() {
        #expect(NumberFormat.percent(12.345) == "12.3%")
        #expect(NumberFormat.percent(25) == "25.0%")
        #expect(NumberFormat.percent(-0.04) == "0.0%")
        #expect(NumberFormat.value(33.35, unit: "%") == "33.4%")
    }

    @Test func chartsUseCompactSuffixes() {
        #expect(NumberFormat.compact(950) == "950")
        #expect(NumberFormat.compact(1500) == "1.5k")
        #expect(NumberFormat.compact(-2500) == "-2.5k")
        #expect(NumberFormat.compact(1_234_567) == "1.2m")
        #expect(NumberFormat.compact(999_960) == "1m")
        #expect(NumberFormat.compact(170e9) == "170bn")
        #expect(NumberFormat.compact(3.2e12) == "3.2tn")
        #expect(NumberFormat.compact(170e9, unit: "KRW") == "170bn KRW")
    }

    @Test func csvNumbersArePlain() {
        #expect(NumberFormat.plain(3) == "3")
        #expect(NumberFormat.plain(-3) == "-3")
        #expect(NumberFormat.plain(1234.5) == "1234.5")
        #expect(NumberFormat.plain(0.1 + 0.2) == "0.30000000000000004")
        #expect(NumberFormat.plain(170e9) == "170000000000")
        #expect(NumberFormat.plain(1e20) == "100000000000000000000")
        #expect(NumberFormat.plain(1e-7) == "0.0000001")
    }

    @Test func changesShowDirectionAmountAndPercent() {
        #expect(Change(from: 9, to: 12, unit: nil).text == "▲ +3 (+33.3%)")
        #expect(Change(from: 14, to: 12, unit: nil).text == "▼ -2 (-14.3%)")
        #expect(Change(from: 0, to: 3, unit: nil).text == "▲ +3 (new)")
        #expect(Change(from: 0, to: 3, unit: nil).direction == .new)
        #expect(Change(from: nil, to: 3, unit: nil).text == "–")
        #expect(Change(from: 3, to: 3, unit: nil).text == "no change")
        #expect(Change(from: 200e9, to: 170e9, unit: "KRW").text == "▼ -30,000,000,000 KRW (-15.0%)")
        #expect(Change(from: 20, to: 25, unit: "%").text == "▲ +5.0 pp")
    }

    @Test func periodsReadAsDateRanges() {
        #expect(PeriodText.line(SampleDocument.period) == "2019-Q4 · 1 Oct – 31 Dec 2019")
        #expect(PeriodText.range(from: "2019-12-01", to: "2020-01-31") == "1 Dec 2019 – 31 Jan 2020")
        #expect(PeriodText.range(from: "2020-03-05", to: "2020-03-05") == "5 Mar 2020")
        #expect(PeriodText.range(from: "2019", to: "2019-12-31") == nil)
    }

    @Test func idsBecomeSafeFileNames() {
        #expect(FileNames.safe("by-label", fallback: "table") == "by-label")
        #expect(FileNames.safe("../../etc/passwd", fallback: "table") == "etc-passwd")
        #expect(FileNames.safe("Top 10 / Partners", fallback: "table") == "top-10-partners")
        #expect(FileNames.safe("..", fallback: "table") == "table")
    }
}
