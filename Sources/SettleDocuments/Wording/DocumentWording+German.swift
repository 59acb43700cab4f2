// Deutsche Dokumente: Sie-Form, sachlich und höflich. Die letzte Mahnung nennt Forderung, Frist
// und Folge klar, ohne mit Schritten zu drohen, die das Unternehmen nicht beschlossen hat.

extension DocumentWording {
    static let german = DocumentWording(
        page: "Seite",
        attention: { "z. Hd. \($0)" },
        customerNumber: "Kundennummer",
        date: "Datum",
        reference: "Verwendungszweck",
        accountHolder: "Kontoinhaber",
        bank: "Bank",
        amount: "Betrag",
        paymentHeading: "Zahlungsinformationen",
        scanToPay: "Mit der Banking-App scannen und bezahlen",
        salutation: { name in name.map { "Guten Tag \($0)," } ?? "Sehr geehrte Damen und Herren," },
        closing: { _ in "Mit freundlichen Grüßen" },
        invoiceColumn: "Rechnung",
        issuedColumn: "Datum",
        dueColumn: "Fällig",
        total: "Summe",
        invoice: InvoiceWording(
            title: { "Rechnung \($0)" },
            number: "Rechnungsnummer",
            issueDate: "Rechnungsdatum",
            dueDate: "Fällig am",
            description: "Beschreibung",
            quantity: "Menge",
            unitPrice: "Einzelpreis",
            taxRate: "USt.",
            netAmount: "Betrag",
            netTotal: "Nettobetrag",
            tax: { rate, base in "Umsatzsteuer \(rate) auf \(base)" },
            total: "Gesamtbetrag",
            alreadyPaid: "Bereits bezahlt",
            amountDue: "Zu zahlen",
            termsHeading: "Zahlungsbedingungen",
            dueOnReceipt: "Zahlbar sofort nach Erhalt.",
            net: { "Zahlbar innerhalb von \($0) Tagen ohne Abzug." },
            endOfMonth: { "Zahlbar \($0) Tage nach Ende des Rechnungsmonats." },
            discount: { rate, deadline, discounted in
                "\(rate) Skonto bei Zahlung bis zum \(deadline): Sie zahlen dann nur \(discounted)."
            },
            payBy: { amount, date in "Bitte überweisen Sie \(amount) bis zum \(date)." },
            quoteReference: { "Bitte geben Sie als Verwendungszweck \($0) an, damit wir Ihre Zahlung dieser Rechnung zuordnen können." },
            thanks: "Vielen Dank für Ihren Auftrag."),
        statement: StatementWording(
            title: "Kontoübersicht: offene Posten",
            intro: { "Am \($0) waren auf Ihrem Kundenkonto die folgenden Rechnungen offen." },
            daysOverdue: "Tage überfällig",
            invoiced: "Betrag",
            open: "Offen",
            totalOpen: { "Summe offen (\($0))" },
            unappliedCredit: { "Nicht zugeordnetes Guthaben (\($0))" },
            balance: { "Zu zahlen (\($0))" },
            nothingOpen: "Auf Ihrem Kundenkonto sind keine Rechnungen offen. Vielen Dank.",
            quoteInvoiceNumbers: "Bitte geben Sie bei jeder Zahlung die Rechnungsnummer oder ihre Referenz an.",
            outro: "Falls Sie bereits gezahlt haben, danken wir Ihnen: Zahlungen brauchen manchmal einige Tage, bis sie bei uns eingehen. Erscheint Ihnen etwas in dieser Übersicht nicht richtig, sagen Sie uns bitte Bescheid, wir prüfen es gern."),
        demand: DemandWording(
            title: "Letzte Mahnung",
            deadline: "Zahlungsfrist",
            intro: "Trotz unserer bisherigen Erinnerungen sind die folgenden Beträge noch nicht bezahlt. Wir fordern Sie hiermit auf, den unten genannten Gesamtbetrag zu zahlen.",
            principal: "Hauptforderung",
            fees: "Kosten",
            interest: "Zinsen",
            totalClaimed: { "Gesamtforderung (\($0))" },
            interestToDate: { "Kosten und Zinsen sind bis zum \($0) berechnet." },
            interestContinues: { rate, basis in
                let law = basis.map { " nach \($0)" } ?? ""
                return rate.map { "Bis zum Zahlungseingang fallen weiter Verzugszinsen\(law) in Höhe von \($0) jährlich an." }
                    ?? "Bis zum Zahlungseingang fallen weiter Verzugszinsen\(law) an."
            },
            payBy: { total, deadline in "Bitte zahlen Sie \(total) spätestens bis zum \(deadline)." },
            quoteReferences: "Bitte geben Sie bei der Zahlung die bei jeder Rechnung genannte Referenz an, damit wir sie richtig zuordnen können.",
            nextStepHeading: "Wenn die Zahlung ausbleibt",
            nextStep: { step, deadline in
                switch step {
                case .collectionAgency:
                    return "Geht der volle Betrag nicht bis zum \(deadline) bei uns ein, übergeben wir die Forderung ohne weitere Ankündigung einem Inkassounternehmen. Die dadurch entstehenden Kosten gehen, soweit gesetzlich zulässig, zu Ihren Lasten."
                case .legalProceedings:
                    return "Geht der volle Betrag nicht bis zum \(deadline) bei uns ein, werden wir die Forderung ohne weitere Ankündigung gerichtlich geltend machen. Die dadurch entstehenden Gerichts- und Anwaltskosten können Ihnen auferlegt werden."
                }
            },
            alreadyPaid: "Haben Sie inzwischen gezahlt, teilen Sie uns bitte Datum und Betrag Ihrer Zahlung mit. Bestreiten Sie die Forderung oder können Sie nicht in voller Höhe zahlen, melden Sie sich bitte vor Ablauf der Frist: Über eine Ratenzahlung sind wir bereit zu sprechen."),
        plan: PlanWording(
            title: "Ratenzahlungsvereinbarung",
            intro: { creditor, debtor, total, invoices in
                "Diese Vereinbarung zwischen \(creditor) und \(debtor) regelt, wie \(total) aus "
                    + (invoices.count == 1 ? "der Rechnung " : "den Rechnungen ") + listed(invoices, and: "und") + " bezahlt werden."
            },
            instalment: "Rate",
            downPayment: "Anzahlung",
            termsHeading: "Bedingungen",
            terms: { grace, reference in
                [
                    "Jede Rate muss bis zu ihrem Fälligkeitstag auf unserem Konto eingehen." + (reference.map { " Bitte geben Sie bei jeder Zahlung den Verwendungszweck \($0) an." } ?? ""),
                    "Solange die Raten pünktlich gezahlt werden, unternehmen wir wegen dieser Rechnungen keine weiteren Inkassoschritte und berechnen keine weiteren Mahngebühren.",
                    "Ist eine Rate mehr als \(grace) \(grace == 1 ? "Tag" : "Tage") überfällig, endet diese Vereinbarung: Der gesamte Restbetrag wird sofort fällig, und das Mahnverfahren wird fortgesetzt.",
                    "Sie können jederzeit mehr oder früher zahlen; was über eine Rate hinaus gezahlt wird, wird auf die nächsten Raten angerechnet.",
                ]
            },
            signatureFor: { "Für \($0)" },
            placeDateSignature: "Ort, Datum, Unterschrift"))
}
