import ToolSupport
/// A country organizations are based in, with what the text and the money need.
struct Country: Sendable {
    let code: String
    /// As in "Novarix Korea" and "the Korea market".
    let name: String
    /// How often organizations are based there.
    let weight: Double
    let currency: String
    /// Units of `currency` to one US dollar, roughly.
    let perDollar: Double
    let region: Region
    /// Cities for the names of agencies, universities and hospitals.
    let cities: [String]
}

/// Markets a deal can cover beyond its parties' home countries.
enum Region: Sendable, CaseIterable {
    case koreaJapan, china, southeastAsia, europe, baltics, northAmerica, centralAsia, latinAmerica, other
}

enum Countries {
    static let all: [Country] = [
        Country(code: "KR", name: "Korea", weight: 30, currency: "KRW", perDollar: 1300, region: .koreaJapan,
                cities: ["Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Ulsan", "Osong", "Songdo",
                         "Gyeonggi", "Chungbuk", "Jeonnam", "Gangwon", "Jeju", "Suwon", "Pangyo"]),
        Country(code: "US", name: "US", weight: 11, currency: "USD", perDollar: 1, region: .northAmerica,
                cities: ["Boston", "San Diego", "New York", "Cambridge", "San Francisco", "Philadelphia", "Houston",
                         "Seattle"]),
        Country(code: "CH", name: "Switzerland", weight: 4, currency: "CHF", perDollar: 0.9, region: .europe,
                cities: ["Basel", "Zurich", "Geneva", "Lausanne"]),
        Country(code: "DE", name: "Germany", weight: 4, currency: "EUR", perDollar: 0.92, region: .europe,
                cities: ["Berlin", "Munich", "Heidelberg", "Frankfurt", "Hamburg"]),
        Country(code: "JP", name: "Japan", weight: 5, currency: "JPY", perDollar: 150, region: .koreaJapan,
                cities: ["Tokyo", "Osaka", "Kobe", "Kyoto", "Yokohama"]),
        Country(code: "LV", name: "Latvia", weight: 4, currency: "EUR", perDollar: 0.92, region: .baltics,
                cities: ["Riga", "Daugavpils", "Jelgava", "Valmiera"]),
        Country(code: "GB", name: "UK", weight: 3.5, currency: "GBP", perDollar: 0.79, region: .europe,
                cities: ["London", "Oxford", "Cambridge", "Manchester", "Edinburgh"]),
        Country(code: "FR", name: "France", weight: 3, currency: "EUR", perDollar: 0.92, region: .europe,
                cities: ["Paris", "Lyon", "Strasbourg", "Toulouse"]),
        Country(code: "SG", name: "Singapore", weight: 3, currency: "SGD", perDollar: 1.35, region: .southeastAsia,
                cities: ["Singapore"]),
        Country(code: "TH", name: "Thailand", weight: 3, currency: "THB", perDollar: 35, region: .southeastAsia,
                cities: ["Bangkok", "Chiang Mai", "Khon Kaen"]),
        Country(code: "VN", name: "Vietnam", weight: 3, currency: "VND", perDollar: 25000, region: .southeastAsia,
                cities: ["Hanoi", "Ho Chi Minh City", "Da Nang"]),
        Country(code: "CN", name: "China", weight: 4, currency: "CNY", perDollar: 7.2, region: .china,
                cities: ["Shanghai", "Beijing", "Suzhou", "Shenzhen", "Guangzhou"]),
        Country(code: "IN", name: "India", weight: 2, currency: "INR", perDollar: 83, region: .other,
                cities: ["Hyderabad", "Mumbai", "Bengaluru", "Ahmedabad"]),
        Country(code: "ID", name: "Indonesia", weight: 2, currency: "IDR", perDollar: 15500, region: .southeastAsia,
                cities: ["Jakarta", "Bandung", "Surabaya"]),
        Country(code: "MY", name: "Malaysia", weight: 2, currency: "MYR", perDollar: 4.6, region: .southeastAsia,
                cities: ["Kuala Lumpur", "Penang", "Johor"]),
        Country(code: "PH", name: "Philippines", weight: 1.5, currency: "PHP", perDollar: 56, region: .southeastAsia,
                cities: ["Manila", "Cebu"]),
        Country(code: "BE", name: "Belgium", weight: 1, currency: "EUR", perDollar: 0.92, region: .europe,
                cities: ["Brussels", "Leuven", "Ghent"]),
        Country(code: "DK", name: "Denmark", weight: 1, currency: "DKK", perDollar: 6.9, region: .europe,
                cities: ["Copenhagen", "Aarhus"]),
        Country(code: "IE", name: "Ireland", weight: 1, currency: "EUR", perDollar: 0.92, region: .europe,
                cities: ["Dublin", "Cork"]),
        Country(code: "IT", name: "Italy", weight: 1, currency: "EUR", perDollar: 0.92, region: .europe,
                cities: ["Milan", "Rome", "Siena"]),
        Country(code: "ES", name: "Spain", weight: 1, currency: "EUR", perDollar: 0.92, region: .europe,
                cities: ["Madrid", "Barcelona"]),
        Country(code: "NL", name: "Netherlands", weight: 1, currency: "EUR", perDollar: 0.92, region: .europe,
                cities: ["Amsterdam", "Leiden", "Utrecht"]),
        Country(code: "SE", name: "Sweden", weight: 1, currency: "SEK", perDollar: 10.5, region: .europe,
                cities: ["Stockholm", "Uppsala", "Gothenburg"]),
        Country(code: "PL", name: "Poland", weight: 1, currency: "PLN", perDollar: 4, region: .europe,
                cities: ["Warsaw", "Krakow"]),
        Country(code: "LT", name: "Lithuania", weight: 1.5, currency: "EUR", perDollar: 0.92, region: .baltics,
                cities: ["Vilnius", "Kaunas"]),
        Country(code: "EE", name: "Estonia", weight: 1.5, currency: "EUR", perDollar: 0.92, region: .baltics,
                cities: ["Tallinn", "Tartu"]),
        Country(code: "KZ", name: "Kazakhstan", weight: 1, currency: "KZT", perDollar: 450, region: .centralAsia,
                cities: ["Astana", "Almaty"]),
        Country(code: "UZ", name: "Uzbekistan", weight: 1, currency: "UZS", perDollar: 12500, region: .centralAsia,
                cities: ["Tashkent", "Samarkand"]),
        Country(code: "AU", name: "Australia", weight: 1, currency: "AUD", perDollar: 1.5, region: .other,
                cities: ["Melbourne", "Sydney", "Brisbane"]),
        Country(code: "CA", name: "Canada", weight: 1, currency: "CAD", perDollar: 1.36, region: .northAmerica,
                cities: ["Toronto", "Montreal", "Vancouver"]),
        Country(code: "BR", name: "Brazil", weight: 1, currency: "BRL", perDollar: 5, region: .latinAmerica,
                cities: ["Sao Paulo", "Rio de Janeiro"]),
        Country(code: "MX", name: "Mexico", weight: 0.7, currency: "MXN", perDollar: 17, region: .latinAmerica,
                cities: ["Mexico City", "Guadalajara"]),
        Country(code: "IL", name: "Israel", weight: 1, currency: "ILS", perDollar: 3.7, region: .other,
                cities: ["Tel Aviv", "Rehovot"]),
        Country(code: "AE", name: "UAE", weight: 0.7, currency: "AED", perDollar: 3.67, region: .other,
                cities: ["Abu Dhabi", "Dubai"]),
        Country(code: "TW", name: "Taiwan", weight: 1.5, currency: "TWD", perDollar: 32, region: .china,
                cities: ["Taipei", "Hsinchu"]),
        Country(code: "HK", name: "Hong Kong", weight: 1, currency: "HKD", perDollar: 7.8, region: .china,
                cities: ["Hong Kong"]),
        Country(code: "KH", name: "Cambodia", weight: 0.7, currency: "KHR", perDollar: 4100, region: .southeastAsia,
                cities: ["Phnom Penh"]),
        Country(code: "LA", name: "Laos", weight: 0.4, currency: "LAK", perDollar: 20000, region: .southeastAsia,
                cities: ["Vientiane"]),
        Country(code: "MM", name: "Myanmar", weight: 0.5, currency: "MMK", perDollar: 2100, region: .southeastAsia,
                cities: ["Yangon"]),
        Country(code: "MN", name: "Mongolia", weight: 0.5, currency: "MNT", perDollar: 3400, region: .centralAsia,
                cities: ["Ulaanbaatar"]),
    ]

    static let byCode: [String: Country] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    static let weighted = Weighted(all.map { ($0, $0.weight) })

    /// Where global groups have their headquarters.
    static let headquarters = Weighted(["US", "CH", "DE", "GB", "JP", "FR", "DK", "BE", "IE", "KR"]
        .map { (byCode[$0]!, $0 == "US" ? 5.0 : $0 == "DK" || $0 == "BE" || $0 == "IE" ? 1 : 2.5) })

    /// Where global groups set up local subsidiaries.
    static let subsidiaries = Weighted(["KR", "JP", "CN", "SG", "TH", "VN", "LV", "ID", "MY", "TW", "IN", "AU"]
        .map { (byCode[$0]!, $0 == "KR" ? 10.0 : 1) })

    static func inRegion(_ region: Region) -> [Country] { all.filter { $0.region == region } }
}
