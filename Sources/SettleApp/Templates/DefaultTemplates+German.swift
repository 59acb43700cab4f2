// Die deutschen Standardtexte: Sie-Form, nach der Anrede klein weitergeschrieben, Grußformel
// ohne Komma. „Zahlungserinnerung“ für die freundlichen Stufen, „Mahnung“ erst ab der festen
// Stufe; keine Drohung mit Schritten, die das Unternehmen nicht beschlossen hat.

extension DefaultTemplates {
    static var german: DefaultLanguage {
        DefaultLanguage(
            wording: DefaultWording(
                language: .german, colon: ":",
                invoiceHeading: "Rechnung", issuedHeading: "Rechnungsdatum", dueHeading: "Fällig am", openHeading: "Offen",
                referenceHeading: "Referenz", referenceWord: "Referenz",
                invoiceLine: "Rechnung {{number}} vom {{issue_date}}, fällig am {{due_date}}: {{balance}}",
                overdueNote: "{{overdue_by}} überfällig",
                feesLabel: "Kosten und Pauschalen", interestLabel: "Verzugszinsen", totalLabel: "Gesamtbetrag",
                paymentHeading: "So können Sie bezahlen", accountHolderLabel: "Kontoinhaber", bankLabel: "Bank",
                referenceLabel: "Verwendungszweck", referencesOfEach: "die oben bei jeder Rechnung angegebene Referenz",
                portalLabel: "Online ansehen und bezahlen"),
            messages: germanReminders + germanOtherMessages)
    }

    private static let guten = DefaultBlock.greeting(named: "Guten Tag {{contact.name}},", unnamed: "Guten Tag,")
    private static let geehrte = DefaultBlock.greeting(named: "Guten Tag {{contact.name}},",
                                                       unnamed: "Sehr geehrte Damen und Herren,")

    private static let germanReminders: [DefaultMessage] = [
        DefaultMessage(
            name: "reminder", tone: .friendly,
            subject: oneOrSeveral("Kurze Erinnerung: Rechnung {{invoice.number}}",
                                  "Kurze Erinnerung: {{invoice_count}} offene Rechnungen"),
            blocks: [
                guten,
                .paragraph("wir hoffen, es geht Ihnen gut. " + overdueOrNot(
                    overdue: oneOrSeveral(
                        "Beim Abgleich unserer Konten ist uns aufgefallen, dass die Rechnung {{invoice.number}} vom {{invoice.issue_date}} noch offen ist. Sicher ist die Zahlung im Alltag einfach untergegangen.",
                        "Beim Abgleich unserer Konten ist uns aufgefallen, dass noch einige Rechnungen offen sind. Sicher ist das im Alltag einfach untergegangen."),
                    notYet: oneOrSeveral(
                        "Wir möchten Sie nur kurz daran erinnern, dass die Rechnung {{invoice.number}} am {{invoice.due_date}} fällig wird.",
                        "Wir möchten Sie nur kurz daran erinnern, dass die folgenden Rechnungen demnächst fällig werden."))),
                .statement(charges: false),
                .paragraph("Falls Sie die Zahlung bereits veranlasst haben, danken wir Ihnen herzlich – dann hat sich diese Nachricht erledigt. Haben Sie Fragen zur Rechnung oder stimmt etwas nicht, antworten Sie einfach auf diese E-Mail."),
                .payment,
                .closing("Viele Grüße"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .polite,
            subject: oneOrSeveral("Zahlungserinnerung zur Rechnung {{invoice.number}}",
                                  "Zahlungserinnerung: {{invoice_count}} fällige Rechnungen"),
            blocks: [
                geehrte,
                .paragraph(oneOrSeveral(
                    "nach unseren Unterlagen ist die Rechnung {{invoice.number}}, fällig am {{invoice.due_date}}, noch nicht beglichen.",
                    "nach unseren Unterlagen sind die folgenden Rechnungen über ihr Fälligkeitsdatum hinaus noch nicht beglichen.")),
                .statement(charges: true),
                .paragraph("Wir bitten Sie, den offenen Betrag in den nächsten Tagen zu überweisen. Sollte sich Ihre Zahlung mit diesem Schreiben überschnitten haben, betrachten Sie diese Erinnerung bitte als gegenstandslos."),
                .paragraph("Gibt es Fragen zur Rechnung oder einen Grund, warum Sie noch nicht zahlen können, sprechen Sie uns gern an – wir helfen Ihnen weiter."),
                .payment,
                .closing("Freundliche Grüße"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .firm,
            subject: oneOrSeveral("Mahnung: Rechnung {{invoice.number}}, offen {{total_due}}",
                                  "Mahnung: {{invoice_count}} Rechnungen, offen {{total_due}}"),
            blocks: [
                geehrte,
                .paragraph(oneOrSeveral(
                    "die Rechnung {{invoice.number}} ist inzwischen {{overdue_by}} überfällig, ein Zahlungseingang ist bei uns bisher nicht verbucht. Offen ist ein Betrag von {{total_due}}.",
                    "die folgenden Rechnungen sind weiterhin unbezahlt, die älteste ist inzwischen {{overdue_by}} überfällig. Offen ist insgesamt ein Betrag von {{total_due}}.")),
                .statement(charges: true),
                .paragraph("Bitte überweisen Sie {{total_due}} bis spätestens {{pay_by}}. Ist die Zahlung bis dahin nicht eingegangen, wird sich jemand aus unserem Team telefonisch bei Ihnen melden, um die Angelegenheit mit Ihnen zu klären."),
                .paragraph("Haben Sie bereits gezahlt, nennen Sie uns bitte kurz das Zahlungsdatum, damit wir die Zahlung zuordnen können. Steht einer Zahlung etwas im Weg, sprechen Sie uns bitte jetzt an – gemeinsam finden wir eine Lösung."),
                .payment,
                .closing("Mit freundlichen Grüßen"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .formal,
            subject: oneOrSeveral("Zahlungsaufforderung: Rechnung {{invoice.number}}",
                                  "Zahlungsaufforderung: {{invoice_count}} Rechnungen"),
            blocks: [
                geehrte,
                .paragraph(oneOrSeveral(
                    "die Rechnung {{invoice.number}} vom {{invoice.issue_date}} war am {{invoice.due_date}} zur Zahlung fällig und ist bis heute nicht beglichen. Wir fordern Sie hiermit förmlich auf, den unten aufgeführten Betrag zu zahlen.",
                    "die unten aufgeführten Rechnungen sind trotz Fälligkeit bis heute nicht beglichen. Wir fordern Sie hiermit förmlich auf, den offenen Gesamtbetrag zu zahlen.")),
                .statement(charges: true),
                .onlyIf("charges_added", [
                    .paragraph("Gemäß unseren Zahlungsbedingungen und den gesetzlichen Bestimmungen zum Zahlungsverzug enthält der Gesamtbetrag die oben ausgewiesenen Kosten und Zinsen."),
                ]),
                .paragraph("Bitte zahlen Sie den Gesamtbetrag von {{total_due}} bis spätestens {{pay_by}}."),
                .paragraph("Sollten Sie die Forderung bestreiten oder bereits gezahlt haben, setzen Sie sich bitte umgehend mit uns in Verbindung, damit wir Ihr Konto prüfen können."),
                .payment,
                .closing("Mit freundlichen Grüßen"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .final,
            subject: oneOrSeveral("Letzte Mahnung: Rechnung {{invoice.number}}",
                                  "Letzte Mahnung: {{invoice_count}} unbezahlte Rechnungen"),
            blocks: [
                geehrte,
                .paragraph(oneOrSeveral(
                    "die Rechnung {{invoice.number}} vom {{invoice.issue_date}} ist inzwischen {{overdue_by}} überfällig und weiterhin unbezahlt. Mit diesem Schreiben erhalten Sie unsere letzte Mahnung.",
                    "die folgenden Rechnungen sind weiterhin unbezahlt, die älteste ist inzwischen {{overdue_by}} überfällig. Mit diesem Schreiben erhalten Sie unsere letzte Mahnung.")),
                .statement(charges: true),
                .paragraph("Bitte begleichen Sie {{total_due}} bis spätestens {{pay_by}}. Erhalten wir bis dahin weder Ihre Zahlung noch eine Nachricht von Ihnen, müssten wir in Erwägung ziehen, die Forderung zur Einziehung abzugeben – einen Schritt, den wir gern vermeiden möchten."),
                .paragraph("Können Sie den vollen Betrag nicht auf einmal zahlen, melden Sie sich bitte vor dem {{pay_by}} bei uns. Über eine Ratenzahlung sprechen wir nach wie vor gern mit Ihnen."),
                .payment,
                .closing("Mit freundlichen Grüßen"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .supportive,
            subject: "Ihr Kundenkonto bei {{business.name}} – wie können wir helfen?",
            blocks: [
                guten,
                .paragraph("uns ist bewusst, dass nicht immer alles nach Plan läuft, und wir möchten gemeinsam mit Ihnen eine Lösung finden. "
                    + oneOrSeveral("Die Rechnung {{invoice.number}} ist noch offen, und wir möchten Ihnen die Zahlung so leicht wie möglich machen.",
                                   "Einige Rechnungen sind noch offen, und wir möchten Ihnen die Zahlung so leicht wie möglich machen.")),
                .statement(charges: false),
                .paragraph("Fällt Ihnen eine Zahlung in einem Betrag gerade schwer, können wir den offenen Betrag in kleinere Raten aufteilen, die zu Ihrer Lage passen. Antworten Sie einfach auf diese Nachricht oder rufen Sie uns an und sagen Sie uns, was für Sie machbar ist – mehr erklären müssen Sie nicht."),
                .paragraph("Gibt es noch etwas, womit wir Ihnen helfen können? Wir hören in jedem Fall lieber von Ihnen, als dass die Sache liegen bleibt."),
                .payment,
                .closing("Herzliche Grüße"),
            ]),
    ]

    private static let germanOtherMessages: [DefaultMessage] = [
        DefaultMessage(
            name: "broken_promise", tone: .polite,
            subject: "Ihre für den {{promise.date}} zugesagte Zahlung",
            blocks: [
                geehrte,
                .paragraph("vielen Dank für Ihre Zusage, {{promise.amount}} bis zum {{promise.date}} zu überweisen. Leider ist die Zahlung bei uns bisher nicht eingegangen, deshalb fragen wir kurz nach."),
                .paragraph("Ist die Überweisung bereits unterwegs, danken wir Ihnen – dann hat sich diese Nachricht erledigt. Ist etwas dazwischengekommen, teilen Sie uns bitte mit, wann wir mit der Zahlung rechnen können."),
                .statement(charges: false),
                .payment,
                .closing("Freundliche Grüße"),
            ]),
        DefaultMessage(
            name: "broken_promise", tone: .firm,
            subject: "Zugesagte Zahlung nicht eingegangen – offen {{total_due}}",
            blocks: [
                geehrte,
                .paragraph("im Vertrauen auf Ihre Zusage, {{promise.amount}} bis zum {{promise.date}} zu zahlen, haben wir von weiteren Erinnerungen abgesehen. Der Termin ist verstrichen, ohne dass die Zahlung bei uns eingegangen ist."),
                .statement(charges: true),
                .paragraph("Bitte überweisen Sie {{total_due}} bis spätestens {{pay_by}} oder rufen Sie uns vorher an, um einen Termin zu vereinbaren, den Sie einhalten können. Hören wir nichts von Ihnen, melden wir uns telefonisch bei Ihnen."),
                .payment,
                .closing("Mit freundlichen Grüßen"),
            ]),
        DefaultMessage(
            name: "broken_promise", tone: .supportive,
            subject: "Ihre geplante Zahlung – können wir helfen?",
            blocks: [
                guten,
                .paragraph("die für den {{promise.date}} geplante Zahlung über {{promise.amount}} ist bei uns nicht eingegangen. Wir wissen, dass Pläne nicht immer aufgehen – das ist kein Problem."),
                .paragraph("Wenn ein kleinerer Betrag, ein späterer Termin oder eine Aufteilung in Raten besser zu Ihnen passt, sagen Sie uns einfach, was Ihnen möglich ist. Wir finden gemeinsam einen Weg."),
                .statement(charges: false),
                .payment,
                .closing("Herzliche Grüße"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .friendly,
            subject: "Ihre nächste Rate über {{plan.instalment_amount}} am {{plan.instalment_date}}",
            blocks: [
                guten,
                .paragraph("eine kurze Erinnerung: Die nächste Rate Ihrer Ratenvereinbarung über {{plan.instalment_amount}} ist am {{plan.instalment_date}} fällig. Danach sind aus der Vereinbarung noch {{total_due}} offen."),
                .paragraph("Vielen Dank, dass Sie sich an die Vereinbarung halten. Haben Sie die Rate schon überwiesen, brauchen Sie nichts weiter zu tun."),
                .payment,
                .closing("Viele Grüße"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .firm,
            subject: "Rate nicht eingegangen: {{plan.instalment_amount}}, fällig am {{plan.instalment_date}}",
            blocks: [
                geehrte,
                .paragraph("die am {{plan.instalment_date}} fällige Rate über {{plan.instalment_amount}} aus Ihrer Ratenvereinbarung ist bei uns nicht eingegangen."),
                .paragraph("Bitte überweisen Sie die Rate bis spätestens {{pay_by}}, damit die Vereinbarung wie besprochen weiterlaufen kann. Haben sich Ihre Umstände geändert, melden Sie sich bitte vorher – dann sehen wir uns die Vereinbarung gemeinsam an."),
                .payment,
                .closing("Mit freundlichen Grüßen"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .supportive,
            subject: "Ihre Ratenvereinbarung – passt noch alles?",
            blocks: [
                guten,
                .paragraph("am {{plan.instalment_date}} ist die nächste Rate über {{plan.instalment_amount}} fällig. Wir hoffen, dass die Vereinbarung für Sie gut funktioniert."),
                .paragraph("Fällt Ihnen dieser Betrag inzwischen schwer, sagen Sie uns bitte vor dem Termin Bescheid. Oft können wir die Raten verringern oder einen Termin verschieben, statt dass die Vereinbarung ins Stocken gerät."),
                .payment,
                .closing("Herzliche Grüße"),
            ]),
        DefaultMessage(
            name: "courtesy", tone: .friendly,
            subject: "Ihre Zahlung über {{promise.amount}} zum {{promise.date}}",
            blocks: [
                guten,
                .paragraph("nochmals vielen Dank für Ihre Zusage, {{promise.amount}} bis zum {{promise.date}} zu zahlen. Der Einfachheit halber finden Sie unsere Zahlungsangaben unten noch einmal."),
                .paragraph("Haben Sie bereits überwiesen, vielen Dank – Sie brauchen nichts weiter zu tun."),
                .payment,
                .closing("Viele Grüße"),
            ]),
        DefaultMessage(
            name: "courtesy", tone: .supportive,
            subject: "Ein kurzer Hinweis zu Ihrer Zahlung zum {{promise.date}}",
            blocks: [
                guten,
                .paragraph("ein kurzer Hinweis auf Ihre geplante Zahlung über {{promise.amount}} zum {{promise.date}}. Passt der Termin doch nicht, geben Sie uns bitte Bescheid – wir finden gern gemeinsam einen anderen."),
                .payment,
                .closing("Herzliche Grüße"),
            ]),
    ]
}
