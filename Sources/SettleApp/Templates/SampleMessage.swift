import SettleCore

/// Realistic made-up data for previewing a template without touching real clients.
enum SampleMessage {
    /// A client, contact and invoice that fit the language, aged as the standard policy would
    /// have them when it uses the tone (due in three days for `friendly`, 45 days overdue for
    /// `final`), with fees and interest only where that policy would have added them.
    static func context(organisation: Organisation, settings: OrganisationSettings, language: MessageLanguage,
                        tone: Tone, day: Day, links: ClientLinkSigner) throws -> MessageContext {
        let (clientName, contactName, country) = sampleClient(language)
        let client = Client(code: "SAMPLE-1", name: clientName, kind: .business, country: country,
                            timeZone: organisation.timeZone, language: language.rawValue,
                            contacts: [Contact(name: contactName, email: nil, phone: nil, role: .billing)])
        let daysOverdue: Int
        switch tone {
        case .friendly: daysOverdue = -3
        case .polite: daysOverdue = 1
        case .firm: daysOverdue = 10
        case .formal: daysOverdue = 30
        case .final: daysOverdue = 45
        case .supportive: daysOverdue = 20
        }
        let currency = organisation.currency
        let due = day.adding(days: -daysOverdue)
        let total = scaled(1_234_50, to: currency)
        let invoice = Invoice(number: try InvoiceNumber("INV-2024-0187"), client: client.code, issueDate: due.adding(days: -30),
                              dueDate: due, currency: currency, total: total)
        let charged = tone == .formal || tone == .final
        let balance = InvoiceBalance(principal: total, costs: charged ? scaled(40_00, to: currency) : .zero(currency),
                                     interest: charged ? scaled(12_87, to: currency) : .zero(currency))
        var context = MessageContext(
            businessName: organisation.name, settings: settings, client: client,
            contactName: MessageContext.contactName(of: client),
            items: [MessageContext.Item(invoice: invoice, balance: balance)], day: day,
            portalURL: links.portalURL(organisation: organisation.slug, client: client.code, messageDay: day),
            language: language)
        try fillPromiseAndPlan(&context, tone: tone)
        return context
    }

    /// Sample promise and instalment derived from the invoices: a promise of the whole balance
    /// (due tomorrow for a courtesy-style tone, missed three days ago otherwise) and a third of it
    /// as the next instalment.
    static func fillPromiseAndPlan(_ context: inout MessageContext, tone: Tone) throws {
        let total = try context.totals().total
        let missed = tone != .friendly && tone != .supportive
        if context.promise == nil {
            context.promise = MessageContext.Promise(date: context.day.adding(days: missed ? -3 : 1), amount: total)
        }
        if context.instalment == nil {
            let third = Money(minorUnits: try Money.multiplyRounded(total.minorUnits, by: 1, dividedBy: 3), currency: total.currency)
            context.instalment = MessageContext.Instalment(date: context.day.adding(days: missed ? -4 : 3), amount: third)
        }
    }

    private static func sampleClient(_ language: MessageLanguage) -> (client: String, contact: String, country: String) {
        switch language {
        case .english: return ("Harbour Lane Studio Ltd", "Sam Taylor", "GB")
        case .german: return ("Lindner Haustechnik GmbH", "Katrin Lindner", "DE")
        case .french: return ("Atelier Moreau SARL", "Julien Moreau", "FR")
        }
    }

    /// An amount given in hundredths, in a currency's own minor units (1234.50 is ¥1,235).
    private static func scaled(_ hundredths: Int64, to currency: Currency) -> Money {
        var minor = hundredths
        if currency.exponent > 2 {
            for _ in 2..<currency.exponent { minor *= 10 }
        } else if currency.exponent < 2 {
            let divisor = currency.exponent == 1 ? Int64(10) : Int64(100)
            minor = (minor + divisor / 2) / divisor
        }
        return Money(minorUnits: minor, currency: currency)
    }
}
