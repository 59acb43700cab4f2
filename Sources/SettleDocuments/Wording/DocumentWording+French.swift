// Documents en français : vouvoiement, ton courtois et précis. La mise en demeure indique la
// somme, le délai et la suite prévue, sans menacer de mesures que l'entreprise n'a pas décidées.
// Avant « : » et « ; » se trouve une espace insécable (U+00A0), comme le veut la typographie.

extension DocumentWording {
    static let french = DocumentWording(
        page: "Page",
        attention: { "À l'attention de \($0)" },
        customerNumber: "Numéro client",
        date: "Date",
        reference: "Référence",
        accountHolder: "Titulaire du compte",
        bank: "Banque",
        amount: "Montant",
        paymentHeading: "Modalités de paiement",
        scanToPay: "Scannez avec votre application bancaire pour payer",
        salutation: { _ in "Madame, Monsieur," },
        closing: { _ in "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées." },
        invoiceColumn: "Facture",
        issuedColumn: "Date",
        dueColumn: "Échéance",
        total: "Total",
        invoice: InvoiceWording(
            title: { "Facture \($0)" },
            number: "Numéro de facture",
            issueDate: "Date de facture",
            dueDate: "Date d'échéance",
            description: "Désignation",
            quantity: "Qté",
            unitPrice: "Prix unitaire HT",
            taxRate: "TVA",
            netAmount: "Montant HT",
            netTotal: "Total HT",
            tax: { rate, base in "TVA \(rate) sur \(base)" },
            total: "Total TTC",
            alreadyPaid: "Déjà réglé",
            amountDue: "Reste à payer",
            termsHeading: "Conditions de paiement",
            dueOnReceipt: "Payable à réception.",
            net: { "Paiement à \($0) jours." },
            endOfMonth: { "Paiement à \($0) jours fin de mois." },
            discount: { rate, deadline, discounted in
                "Escompte de \(rate) pour un paiement au plus tard le \(deadline) : vous ne réglez alors que \(discounted)."
            },
            payBy: { amount, date in "Merci de régler \(amount) au plus tard le \(date)." },
            quoteReference: { "Merci d'indiquer la référence \($0) lors de votre virement afin que nous puissions l'affecter à cette facture." },
            thanks: "Nous vous remercions de votre confiance."),
        statement: StatementWording(
            title: "Relevé de compte",
            intro: { "Voici les factures restant dues sur votre compte au \($0)." },
            daysOverdue: "Jours de retard",
            invoiced: "Montant",
            open: "Restant dû",
            totalOpen: { "Total restant dû (\($0))" },
            unappliedCredit: { "Paiements non affectés (\($0))" },
            balance: { "Solde à régler (\($0))" },
            nothingOpen: "Aucune facture n'est en attente de règlement sur votre compte. Merci.",
            quoteInvoiceNumbers: "Merci d'indiquer le numéro de facture ou sa référence avec chaque paiement.",
            outro: "Si vous avez déjà réglé, nous vous en remercions : un virement peut mettre quelques jours à nous parvenir. Si une ligne de ce relevé vous paraît inexacte, merci de nous le signaler afin que nous la vérifiions."),
        demand: DemandWording(
            title: "Mise en demeure de payer",
            deadline: "Date limite de paiement",
            intro: "Malgré nos précédentes relances, les sommes ci-dessous restent impayées. Par la présente, nous vous mettons en demeure de régler le total indiqué.",
            principal: "Principal",
            fees: "Frais",
            interest: "Intérêts",
            totalClaimed: { "Total réclamé (\($0))" },
            interestToDate: { "Les frais et intérêts sont calculés au \($0)." },
            interestContinues: { rate, basis in
                let law = basis.map { " en application de \($0)" } ?? ""
                return rate.map { "Les intérêts de retard continuent de courir au taux annuel de \($0)\(law) jusqu'au paiement." }
                    ?? "Les intérêts de retard continuent de courir\(law) jusqu'au paiement."
            },
            payBy: { total, deadline in "Nous vous demandons de régler \(total) au plus tard le \(deadline)." },
            quoteReferences: "Merci d'indiquer la référence de chaque facture lors de votre paiement afin qu'il soit correctement affecté.",
            nextStepHeading: "À défaut de paiement",
            nextStep: { step, deadline in
                switch step {
                case .collectionAgency:
                    return "À défaut de paiement intégral au \(deadline), nous confierons le recouvrement de cette créance à une société de recouvrement, sans autre avis. Les frais de recouvrement seront mis à votre charge dans la mesure permise par la loi."
                case .legalProceedings:
                    return "À défaut de paiement intégral au \(deadline), nous engagerons une procédure judiciaire pour obtenir le paiement de cette créance, sans autre avis. Les frais de justice et d'avocat qui en résulteront pourront être mis à votre charge."
                }
            },
            alreadyPaid: "Si vous avez réglé entre-temps, merci de nous indiquer la date et le montant de votre paiement. Si vous contestez cette créance ou ne pouvez pas la régler en une fois, contactez-nous avant l'échéance : nous sommes disposés à étudier un échéancier."),
        plan: PlanWording(
            title: "Accord d'échéancier de paiement",
            intro: { creditor, debtor, total, invoices in
                "Le présent accord entre \(creditor) et \(debtor) fixe les modalités de paiement de \(total) dus au titre "
                    + (invoices.count == 1 ? "de la facture " : "des factures ") + listed(invoices, and: "et") + "."
            },
            instalment: "Versement",
            downPayment: "Acompte",
            termsHeading: "Conditions",
            terms: { grace, reference in
                [
                    "Chaque échéance doit parvenir sur notre compte au plus tard à sa date." + (reference.map { " Merci d'indiquer la référence \($0) avec chaque paiement." } ?? ""),
                    "Tant que les échéances sont payées à temps, nous n'engageons aucune nouvelle démarche de recouvrement et ne facturons aucuns frais de retard supplémentaires pour ces factures.",
                    "Si une échéance a plus de \(grace) \(grace == 1 ? "jour" : "jours") de retard, le présent accord prend fin : la totalité du solde restant devient immédiatement exigible et le recouvrement reprend.",
                    "Vous pouvez à tout moment payer davantage ou plus tôt ; ce qui dépasse une échéance est imputé sur les suivantes.",
                ]
            },
            signatureFor: { "Pour \($0)" },
            placeDateSignature: "Lieu, date et signature"))
}
