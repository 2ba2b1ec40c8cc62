/// One partnership of a report's period, flat, as the workbook's Partnerships sheet and
/// `partnerships.csv` list it: every field a reader would filter or pivot on, in words.
public struct PeriodPartnership: Codable, Equatable, Sendable {
    /// How precisely a date is known: `2019` is a year, `2019-06` a month, `2019-06-30` a day.
    public enum Precision: String, Codable, Sendable, CaseIterable {
        case year, month, day
    }

    /// An organization taking part, by name, with its role in words (`Licensor`) and its country.
    public struct Party: Codable, Equatable, Sendable {
        public var name: String
        public var role: String
        /// ISO 3166-1 alpha-2, when known.
        public var country: String?

        public init(name: String, role: String, country: String? = nil) {
            self.name = name
            self.role = role
            self.country = country
        }
    }

    /// A financial term: its kind in words (`Upfront payment`), the amount and currency when
    /// the source gives them, how exact the amount is (`up to`) and what it is per (`winner`),
    /// and the source's own wording (`more than $100 million`).
    public struct Amount: Codable, Equatable, Sendable {
        public var type: String
        public var amount: Double?
        /// ISO 4217.
        public var currency: String?
        public var wording: String?
        /// `about`, `at least`, `more than` or `up to`; nil when the amount is exact.
        public var qualifier: String?
        public var per: String?

        public init(type: String, amount: Double? = nil, currency: String? = nil, wording: String? = nil,
                    qualifier: String? = nil, per: String? = nil) {
            self.type = type
            self.amount = amount
            self.currency = currency
            self.wording = wording
            self.qualifier = qualifier
            self.per = per
        }
    }

    /// A purpose: its code (`rnd`), what readers call it, and whether it is the primary one.
    public struct Label: Codable, Equatable, Sendable {
        public var code: String
        public var name: String
        public var primary: Bool

        public init(code: String, name: String, primary: Bool) {
            self.code = code
            self.name = name
            self.primary = primary
        }
    }

    public var id: String
    /// As precise as known: `2019`, `2019-06`, `2019-06-30`; nil when undated.
    public var date: String?
    /// How precise `date` is; nil when undated.
    public var precision: Precision?
    public var title: String
    /// The form and the status in words: `Export contract`, `Signed`.
    public var form: String
    public var status: String
    public var parties: [Party]
    /// The parties' countries, each once, in the parties' order (ISO codes).
    public var countries: [String]
    /// Countries and named groups (`ASEAN`) the partnership covers.
    public var territories: [String]
    /// Product and asset names.
    public var products: [String]
    public var amounts: [Amount]
    /// Programme counts as the source gives them: `participants 100+`, `countries 3`.
    public var figures: [String]
    /// The primary purpose first.
    public var labels: [Label]
    public var sources: [SourceLink]

    /// Without a precision, it is read off `date`.
    public init(id: String, date: String?, precision: Precision? = nil, title: String, form: String, status: String,
                parties: [Party] = [], countries: [String] = [], territories: [String] = [], products: [String] = [],
                amounts: [Amount] = [], figures: [String] = [], labels: [Label] = [], sources: [SourceLink] = []) {
        self.id = id
        self.date = date
        self.precision = precision ?? date.flatMap(Self.precision(of:))
        self.title = title
        self.form = form
        self.status = status
        self.parties = parties
        self.countries = countries
        self.territories = territories
        self.products = products
        self.amounts = amounts
        self.figures = figures
        self.labels = labels
        self.sources = sources
    }

    /// The precision of `2019`, `2019-06` or `2019-06-30`; nil for anything else.
    static func precision(of date: String) -> Precision? {
        guard let parsed = CalendarDate(date) else { return nil }
        return parsed.day != nil ? .day : parsed.month != nil ? .month : .year
    }
}

/// A date as a report writes it, `2019`, `2019-06` or `2019-06-30`, read into its parts.
struct CalendarDate: Equatable {
    let year: Int
    let month: Int?
    let day: Int?

    /// Read from its bytes: a year's workbook reads 54,000 dates, and splitting each into
    /// characters took 12,000 instructions a date.
    init?(_ text: String) {
        let utf8 = text.utf8
        guard utf8.count == 4 || utf8.count == 7 || utf8.count == 10 else { return nil }
        var (year, monthDigits, dayDigits, position) = (0, 0, 0, 0)
        for byte in utf8 {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if position < 4 {
                    year = year * 10 + digit
                } else if position < 7 {
                    monthDigits = monthDigits * 10 + digit
                } else {
                    dayDigits = dayDigits * 10 + digit
                }
            }
            position += 1
        }
        guard year >= 1 else { return nil }
        let (month, day) = (utf8.count > 4 ? monthDigits : nil, utf8.count > 7 ? dayDigits : nil)
        if let month, !(1...12).contains(month) { return nil }
        if let day, let month, !(1...Self.days(in: month, of: year)).contains(day) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of the first day the date covers.
    var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (month ?? 1, day ?? 1)
        let y = m <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
