import SettleCore

/// The demo data as CSV files plus the few adjustments made afterwards.
struct DemoPlan {
    var clientsCSV = "id,name,kind,email,phone,country,time_zone,language,terms\n"
    var invoicesCSV = "number,client,issue_date,due_date,currency,amount,description\n"
    var paymentsCSV = "client,date,currency,amount,method,reference,invoice\n"
    var paymentCount = 0
    var creditNotes: [(number: String, amount: String)] = []
    var bouncedPayment: (client: String, reference: String)?

    private struct Country {
        let code, currency, timeZone, language, phonePrefix: String
        let businesses: [String]
        let people: [String]
    }

    private static let countries = [
        Country(code: "GB", currency: "GBP", timeZone: "Europe/London", language: "en", phonePrefix: "+44 20 7946",
                businesses: ["Thames Joinery Ltd", "Brighton Bakes Ltd", "Pennine Print Co", "Mersey Logistics Ltd"],
                people: ["Olivia Hughes", "Harry Patel", "Amelia Clarke"]),
        Country(code: "DE", currency: "EUR", timeZone: "Europe/Berlin", language: "de", phonePrefix: "+49 30 901",
                businesses: ["Müller Maschinenbau GmbH", "Schreinerei Wagner", "Bäckerei Schulz KG", "Rhein Logistik GmbH"],
                people: ["Jürgen Becker", "Anna Schmidt", "Lena Fischer"]),
        Country(code: "FR", currency: "EUR", timeZone: "Europe/Paris", language: "fr", phonePrefix: "+33 1 4020",
                businesses: ["Atelier Dubois SARL", "Boulangerie Moreau", "Transports Lefèvre SA", "Éditions Garnier"],
                people: ["Camille Laurent", "Hélène Roux", "Louis Bernard"]),
        Country(code: "NL", currency: "EUR", timeZone: "Europe/Amsterdam", language: "nl", phonePrefix: "+31 20 555",
                businesses: ["De Vries Bouw BV", "Bakkerij Jansen", "Van Dijk Transport BV"],
                people: ["Sanne de Boer", "Daan Visser"]),
        Country(code: "US", currency: "USD", timeZone: "America/New_York", language: "en-US", phonePrefix: "+1 212 555",
                businesses: ["Hudson Valley Supply Inc", "Brooklyn Coffee Roasters LLC", "Lakeside Dental Group", "Summit Outfitters Inc"],
                people: ["Emily Johnson", "Michael Brown", "Sofia Martinez"]),
    ]

    private static let terms = ["net 30", "net 14", "eom 15", "2/10 net 30", "net 30", "due on receipt"]

    static func make(clients: Int, invoices: Int, today: Day, random: inout SplitMix64) -> DemoPlan {
        var plan = DemoPlan()
        var roster: [(code: String, country: Country, consumer: Bool)] = []
        for index in 0..<clients {
            let country = countries[index % countries.count]
            let consumer = index % 10 >= 7
            let names = consumer ? country.people : country.businesses
            let base = names[(index / countries.count) % names.count]
            let name = index / countries.count < names.count ? base : "\(base) \(index / countries.count / names.count + 1)"
            let code = "C\(1001 + index)"
            let email = "accounts+\(code.lowercased())@example.\(country.code.lowercased())"
            let phone = "\(country.phonePrefix) \(String(format3(index)))"
            let clientTerms = consumer ? "net 14" : terms[index % terms.count]
            plan.clientsCSV += "\(code),\(csv(name)),\(consumer ? "consumer" : "business"),\(email),\(phone),\(country.code),\(country.timeZone),\(country.language),\(clientTerms)\n"
            roster.append((code, country, consumer))
        }
        var payments: [(day: Day, line: String)] = []
        var openInvoices: [String] = []
        for index in 0..<invoices {
            let client = roster[Int(random.next() % UInt64(roster.count))]
            let issue = today.adding(days: -Int(random.next() % 360) - 3)
            let termsDays = client.consumer ? 14 : [14, 30, 30, 45][Int(random.next() % 4)]
            let due = issue.adding(days: termsDays)
            let minor = client.consumer ? 5_000 + Int64(random.next() % 75_000) : 30_000 + Int64(random.next() % 1_470_000)
            let amount = Money(minorUnits: minor, currency: (try? Currency(code: client.country.currency)) ?? .EUR)
            let number = "INV-\(issue.year)-\(String(format5(index + 1)))"
            plan.invoicesCSV += "\(number),\(client.code),\(issue),\(due),\(client.country.currency),\(amount.decimalString),Services \(issue.year)-\(issue.month)\n"
            let roll = random.next() % 100
            let method = client.consumer ? "card" : "bank_transfer"
            var paid: (Day, Money)?
            switch roll {
            case 0..<50: paid = (issue.adding(days: Int(random.next() % UInt64(termsDays + 1))), amount)
            case 50..<75: paid = (due.adding(days: 3 + Int(random.next() % 60)), amount)
            case 75..<85: paid = (due.adding(days: Int(random.next() % 20)),
                                  Money(minorUnits: minor / 100 * Int64(20 + random.next() % 60), currency: amount.currency))
            default: paid = nil
            }
            guard let (day, money) = paid, day <= today else {
                openInvoices.append(number)
                continue
            }
            let reference = "PAY-\(number)"
            payments.append((day, "\(client.code),\(day),\(client.country.currency),\(money.decimalString),\(method),\(reference),\(number)\n"))
            if payments.count == 7, !client.consumer {
                // A client who pays twice by mistake: the second transfer stays as unapplied credit.
                payments.append((day.adding(days: 1), "\(client.code),\(day.adding(days: 1)),\(client.country.currency),\(money.decimalString),bank_transfer,\(reference)-DUP,\(number)\n"))
            }
            if plan.bouncedPayment == nil, client.consumer, day > today.adding(days: -40) {
                plan.bouncedPayment = (client.code, reference)
            }
        }
        for (offset, number) in openInvoices.prefix(3).enumerated() {
            plan.creditNotes.append((number, ["10.00", "25.00", "50.00"][offset]))
        }
        for payment in payments.sorted(by: { $0.day < $1.day }) { plan.paymentsCSV += payment.line }
        plan.paymentCount = payments.count
        return plan
    }

    private static func csv(_ text: String) -> String {
        text.contains(",") ? "\"\(text)\"" : text
    }

    private static func format3(_ number: Int) -> String { pad(number % 1000, 3) }
    private static func format5(_ number: Int) -> String { pad(number, 5) }
    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
