// The English defaults. Written as a careful credit controller would write them: warm and
// assuming an oversight at first, clear and then firm later, formal only where it has to be,
// and never threatening a step the business has not decided to take.

extension DefaultTemplates {
    static var english: DefaultLanguage {
        DefaultLanguage(
            wording: DefaultWording(
                language: .english, colon: ":",
                invoiceHeading: "Invoice", issuedHeading: "Issued", dueHeading: "Due", openHeading: "Open",
                referenceHeading: "Reference", referenceWord: "reference",
                invoiceLine: "Invoice {{number}} of {{issue_date}}, due {{due_date}}: {{balance}}",
                overdueNote: "{{overdue_by}} overdue",
                feesLabel: "Fees and compensation", interestLabel: "Interest", totalLabel: "Total due",
                paymentHeading: "How to pay", accountHolderLabel: "Account holder", bankLabel: "Bank",
                referenceLabel: "Reference", referencesOfEach: "the reference shown beside each invoice above",
                portalLabel: "View and pay online"),
            messages: englishReminders + englishOtherMessages)
    }

    private static let hello = DefaultBlock.greeting(named: "Hello {{contact.name}},", unnamed: "Hello,")
    private static let dear = DefaultBlock.greeting(named: "Dear {{contact.name}},", unnamed: "Dear Sir or Madam,")

    private static let englishReminders: [DefaultMessage] = [
        DefaultMessage(
            name: "reminder", tone: .friendly,
            subject: oneOrSeveral("A friendly reminder about invoice {{invoice.number}}",
                                  "A friendly reminder about {{invoice_count}} invoices"),
            blocks: [
                hello,
                .paragraph("We hope all is well. " + overdueOrNot(
                    overdue: oneOrSeveral(
                        "Invoice {{invoice.number}}, which was due on {{invoice.due_date}}, still shows as open in our records – it has probably just slipped through the net.",
                        "A few invoices still show as open in our records – they have probably just slipped through the net."),
                    notYet: oneOrSeveral(
                        "This is just a quick note that invoice {{invoice.number}} is due for payment on {{invoice.due_date}}.",
                        "This is just a quick note that the invoices below are coming up for payment."))),
                .statement(charges: false),
                .paragraph("If you have already sent the payment, thank you, and please ignore this note. If anything on the invoice looks wrong or unclear, just reply to this email and we will gladly sort it out."),
                .payment,
                .closing("Many thanks and best wishes,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .polite,
            subject: oneOrSeveral("Payment reminder: invoice {{invoice.number}}",
                                  "Payment reminder: {{invoice_count}} invoices past their due date"),
            blocks: [
                dear,
                .paragraph(oneOrSeveral(
                    "According to our records, payment for invoice {{invoice.number}}, which was due on {{invoice.due_date}}, has not reached us yet.",
                    "According to our records, the following invoices have passed their due date and are still unpaid.")),
                .statement(charges: true),
                .paragraph("We would be grateful if you could arrange payment at your earliest convenience. If your payment has crossed with this reminder, please accept our thanks and disregard it."),
                .paragraph("Should there be a question about the invoice, or a reason why it cannot be paid yet, please let us know – we are happy to help."),
                .payment,
                .closing("Kind regards,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .firm,
            subject: oneOrSeveral("Overdue: invoice {{invoice.number}}, {{total_due}} outstanding",
                                  "Overdue: {{invoice_count}} invoices, {{total_due}} outstanding"),
            blocks: [
                dear,
                .paragraph(oneOrSeveral(
                    "Invoice {{invoice.number}} is now {{overdue_by}} overdue and we have not yet received payment. The amount outstanding is {{total_due}}.",
                    "The invoices below remain unpaid; the oldest is now {{overdue_by}} overdue. The amount outstanding is {{total_due}}.")),
                .statement(charges: true),
                .paragraph("Please arrange payment of {{total_due}} by {{pay_by}}. If we have not received it by then, a member of our team will call you to discuss how we can settle this."),
                .paragraph("If you have already paid, please tell us the date of the payment so that we can trace it. If something is holding payment up, please contact us now so that we can find a way forward together."),
                .payment,
                .closing("Regards,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .formal,
            subject: oneOrSeveral("Formal demand for payment: invoice {{invoice.number}}",
                                  "Formal demand for payment: {{invoice_count}} invoices"),
            blocks: [
                dear,
                .paragraph(oneOrSeveral(
                    "Invoice {{invoice.number}} dated {{invoice.issue_date}} fell due for payment on {{invoice.due_date}} and remains unpaid. We therefore formally request payment of the amount set out below.",
                    "The invoices set out below have passed their due dates and remain unpaid. We therefore formally request payment of the total amount.")),
                .statement(charges: true),
                .onlyIf("charges_added", [
                    .paragraph("In accordance with our terms of payment and the statutory provisions on late payment, this total includes the charges shown above."),
                ]),
                .paragraph("Please pay the total of {{total_due}} by {{pay_by}} at the latest."),
                .paragraph("If you dispute this amount or have already paid, please contact us immediately so that we can review your account."),
                .payment,
                .closing("Yours sincerely,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .final,
            subject: oneOrSeveral("Final notice: invoice {{invoice.number}}", "Final notice: {{invoice_count}} unpaid invoices"),
            blocks: [
                dear,
                .paragraph(oneOrSeveral(
                    "Invoice {{invoice.number}} dated {{invoice.issue_date}} is now {{overdue_by}} overdue and remains unpaid. This is our final notice about it.",
                    "The invoices below remain unpaid; the oldest is now {{overdue_by}} overdue. This is our final notice about them.")),
                .statement(charges: true),
                .paragraph("Please pay {{total_due}} by {{pay_by}}. If we receive neither payment nor a reply from you by that date, we will have to consider passing the matter on for collection – a step we would much rather avoid."),
                .paragraph("If you cannot pay the full amount at once, please contact us before {{pay_by}}. We are still willing to agree a payment plan with you."),
                .payment,
                .closing("Yours sincerely,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .supportive,
            subject: "Your account with {{business.name}} – how can we help?",
            blocks: [
                hello,
                .paragraph("We know that times can be difficult, and we would like to find a way through this with you. "
                    + oneOrSeveral("Invoice {{invoice.number}} is still open, and we want to make paying it as manageable as possible for you.",
                                   "A few invoices are still open, and we want to make paying them as manageable as possible for you.")),
                .statement(charges: false),
                .paragraph("If paying the full amount at once is hard right now, we can spread it over smaller instalments that fit your budget. Just reply to this message or give us a call and tell us what you could manage – you do not need to explain more than you wish to."),
                .paragraph("Is there anything else we can do to help? Whatever your situation, we would much rather hear from you."),
                .payment,
                .closing("With best wishes,"),
            ]),
    ]

    private static let englishOtherMessages: [DefaultMessage] = [
        DefaultMessage(
            name: "broken_promise", tone: .polite,
            subject: "Your payment of {{promise.amount}} planned for {{promise.date}}",
            blocks: [
                dear,
                .paragraph("Thank you for letting us know that you would pay {{promise.amount}} by {{promise.date}}. We have not received this payment yet, so we wanted to check in with you."),
                .paragraph("If the payment is already on its way, thank you – please disregard this message. If something has come up, please let us know when we can expect it."),
                .statement(charges: false),
                .payment,
                .closing("Kind regards,"),
            ]),
        DefaultMessage(
            name: "broken_promise", tone: .firm,
            subject: "Promised payment not received: {{total_due}} outstanding",
            blocks: [
                dear,
                .paragraph("Relying on your promise to pay {{promise.amount}} by {{promise.date}}, we held back further reminders. That date has passed and the payment has not reached us."),
                .statement(charges: true),
                .paragraph("Please pay {{total_due}} by {{pay_by}}, or call us before then to agree a date you can keep. If we do not hear from you, a member of our team will call you."),
                .payment,
                .closing("Regards,"),
            ]),
        DefaultMessage(
            name: "broken_promise", tone: .supportive,
            subject: "About your planned payment – can we help?",
            blocks: [
                hello,
                .paragraph("The payment of {{promise.amount}} you planned for {{promise.date}} has not come through. We know that plans do not always work out, and that is all right."),
                .paragraph("If a smaller amount, a later date or a few instalments would suit you better, just tell us what you could manage and we will work it out together."),
                .statement(charges: false),
                .payment,
                .closing("With best wishes,"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .friendly,
            subject: "Your next instalment of {{plan.instalment_amount}} on {{plan.instalment_date}}",
            blocks: [
                hello,
                .paragraph("A quick reminder that the next instalment of your payment plan, {{plan.instalment_amount}}, is due on {{plan.instalment_date}}. After it, {{total_due}} remains to be paid under the plan."),
                .paragraph("Thank you for keeping to the plan. If you have already paid this instalment, please ignore this note."),
                .payment,
                .closing("Many thanks and best wishes,"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .firm,
            subject: "Missed instalment: {{plan.instalment_amount}} due on {{plan.instalment_date}}",
            blocks: [
                dear,
                .paragraph("The instalment of {{plan.instalment_amount}} that was due on {{plan.instalment_date}} under your payment plan has not reached us."),
                .paragraph("Please pay it by {{pay_by}} so that the plan can continue as agreed. If your circumstances have changed, contact us before then and we will look at the plan together."),
                .payment,
                .closing("Regards,"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .supportive,
            subject: "Your payment plan – is it still working for you?",
            blocks: [
                hello,
                .paragraph("Your next instalment of {{plan.instalment_amount}} is due on {{plan.instalment_date}}. We hope the plan is working well for you."),
                .paragraph("If this amount has become difficult, please tell us before that date – we can often lower the instalments or move a date rather than let the plan fall behind."),
                .payment,
                .closing("With best wishes,"),
            ]),
        DefaultMessage(
            name: "courtesy", tone: .friendly,
            subject: "Your payment of {{promise.amount}} due on {{promise.date}}",
            blocks: [
                hello,
                .paragraph("Thank you again for arranging to pay {{promise.amount}} by {{promise.date}}. This is just a courtesy note ahead of that date, with our payment details below for convenience."),
                .paragraph("If you have already sent it, thank you – there is nothing more to do."),
                .payment,
                .closing("Many thanks and best wishes,"),
            ]),
        DefaultMessage(
            name: "courtesy", tone: .supportive,
            subject: "A gentle note about your payment on {{promise.date}}",
            blocks: [
                hello,
                .paragraph("Just a gentle note that the payment of {{promise.amount}} you planned is due on {{promise.date}}. If that date no longer suits you, please let us know – we will happily find another one with you."),
                .payment,
                .closing("With best wishes,"),
            ]),
    ]
}
