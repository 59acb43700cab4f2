// English documents: plain, courteous British business English; the demand letter is firm and
// specific (what is owed, by when, what follows) without threatening anything the business has
// not decided.

extension DocumentWording {
    static let english = DocumentWording(
        page: "Page",
        attention: { "Attn: \($0)" },
        customerNumber: "Customer number",
        date: "Date",
        reference: "Reference",
        accountHolder: "Account holder",
        bank: "Bank",
        amount: "Amount",
        paymentHeading: "How to pay",
        scanToPay: "Scan with your banking app to pay",
        salutation: { name in name.map { "Dear \($0)," } ?? "Dear Sir or Madam," },
        closing: { named in named ? "Yours sincerely," : "Yours faithfully," },
        invoiceColumn: "Invoice",
        issuedColumn: "Date",
        dueColumn: "Due",
        total: "Total",
        invoice: InvoiceWording(
            title: { "Invoice \($0)" },
            number: "Invoice number",
            issueDate: "Invoice date",
            dueDate: "Due date",
            description: "Description",
            quantity: "Qty",
            unitPrice: "Unit price",
            taxRate: "Tax",
            netAmount: "Amount",
            netTotal: "Net total",
            tax: { rate, base in "Tax \(rate) on \(base)" },
            total: "Total",
            alreadyPaid: "Already paid",
            amountDue: "Amount due",
            termsHeading: "Payment terms",
            dueOnReceipt: "Due on receipt.",
            net: { "Net \($0) days." },
            endOfMonth: { "Due \($0) days after the end of the month of the invoice." },
            discount: { rate, deadline, discounted in
                "\(rate) discount for payment by \(deadline): pay \(discounted) instead."
            },
            payBy: { amount, date in "Please pay \(amount) by \(date)." },
            quoteReference: { "Please quote the reference \($0) with your payment so that we can match it to this invoice." },
            thanks: "Thank you for your business."),
        statement: StatementWording(
            title: "Statement of account",
            intro: { "These invoices were open on your account on \($0)." },
            daysOverdue: "Days overdue",
            invoiced: "Amount",
            open: "Open",
            totalOpen: { "Total open (\($0))" },
            unappliedCredit: { "Unapplied credit (\($0))" },
            balance: { "Balance due (\($0))" },
            nothingOpen: "There are no open invoices on your account. Thank you.",
            quoteInvoiceNumbers: "Please quote the invoice number or its reference with each payment.",
            outro: "If you have already paid, thank you: payments can take a few days to reach us. If anything on this statement looks wrong to you, please let us know and we will look into it."),
        demand: DemandWording(
            title: "Formal demand for payment",
            deadline: "Payment deadline",
            intro: "Despite our earlier reminders, the amounts below are still unpaid. We therefore formally demand payment of the total shown.",
            principal: "Principal",
            fees: "Fees",
            interest: "Interest",
            totalClaimed: { "Total claimed (\($0))" },
            interestToDate: { "Fees and interest are calculated to \($0)." },
            interestContinues: { rate, basis in
                let law = basis.map { " under \($0)" } ?? ""
                return rate.map { "Interest continues to accrue at \($0) a year\(law) until we receive payment." }
                    ?? "Interest continues to accrue\(law) until we receive payment."
            },
            payBy: { total, deadline in "We require payment of \(total) by \(deadline) at the latest." },
            quoteReferences: "Please quote the reference shown for each invoice so that your payment is matched correctly.",
            nextStepHeading: "If you do not pay",
            nextStep: { step, deadline in
                switch step {
                case .collectionAgency:
                    return "If we have not received the full amount by \(deadline), we will pass the debt to a collection agency without further notice. The costs of recovery will be added to the debt as far as the law allows."
                case .legalProceedings:
                    return "If we have not received the full amount by \(deadline), we will start court proceedings to recover the debt without further notice. This will add court costs and legal fees, which you may be ordered to pay."
                }
            },
            alreadyPaid: "If you have paid in the meantime, please tell us the date and amount of your payment. If you dispute the debt or cannot pay it in full, contact us before the deadline: we are prepared to discuss a payment plan."),
        plan: PlanWording(
            title: "Payment plan agreement",
            intro: { creditor, debtor, total, invoices in
                "This agreement between \(creditor) and \(debtor) sets out how \(total) owed on "
                    + (invoices.count == 1 ? "invoice " : "invoices ") + listed(invoices, and: "and") + " will be paid."
            },
            instalment: "Instalment",
            downPayment: "Down payment",
            termsHeading: "Terms",
            terms: { grace, reference in
                [
                    "Each instalment must reach our account by its due date." + (reference.map { " Please quote the reference \($0) with every payment." } ?? ""),
                    "As long as the instalments are paid on time, we will take no further collection steps and charge no further late fees on these invoices.",
                    "If an instalment is more than \(grace) \(grace == 1 ? "day" : "days") late, this agreement ends: the whole remaining balance becomes due at once and collection resumes.",
                    "You may pay more, or earlier, at any time; anything paid beyond an instalment counts towards the next ones.",
                ]
            },
            signatureFor: { "For \($0)" },
            placeDateSignature: "Place, date, signature"))
}
