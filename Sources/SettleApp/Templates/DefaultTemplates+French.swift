// Les textes français par défaut : vouvoiement, « relance » pour les rappels, « mise en demeure »
// réservée aux niveaux formel et final, jamais de menace d'une mesure que l'entreprise n'a pas
// décidée. Les espaces insécables avant « : ? ! ; » sont ajoutées par `frenchSpacing`.

extension DefaultTemplates {
    static var french: DefaultLanguage {
        DefaultLanguage(
            wording: DefaultWording(
                language: .french, colon: " :",
                invoiceHeading: "Facture", issuedHeading: "Date", dueHeading: "Échéance", openHeading: "Montant dû",
                referenceHeading: "Référence", referenceWord: "référence",
                invoiceLine: "Facture {{number}} du {{issue_date}} (échéance le {{due_date}}) : {{balance}}",
                overdueNote: "en retard de {{overdue_by}}",
                feesLabel: "Frais et indemnités", interestLabel: "Intérêts de retard", totalLabel: "Total dû",
                paymentHeading: "Modalités de règlement", accountHolderLabel: "Titulaire du compte", bankLabel: "Banque",
                referenceLabel: "Référence à indiquer", referencesOfEach: "celle indiquée pour chaque facture ci-dessus",
                portalLabel: "Consulter et régler en ligne", frenchSpacing: true),
            messages: frenchReminders + frenchOtherMessages)
    }

    private static let bonjour = DefaultBlock.greeting(named: "Bonjour {{contact.name}},", unnamed: "Bonjour,")
    private static let madame = DefaultBlock.greeting(named: "Bonjour {{contact.name}},", unnamed: "Madame, Monsieur,")
    private static let formel = DefaultBlock.paragraph("Madame, Monsieur,")
    private static let salutations = DefaultBlock.closing(
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.")

    private static let frenchReminders: [DefaultMessage] = [
        DefaultMessage(
            name: "reminder", tone: .friendly,
            subject: oneOrSeveral("Petit rappel : facture {{invoice.number}}",
                                  "Petit rappel : {{invoice_count}} factures"),
            blocks: [
                bonjour,
                .paragraph("Nous espérons que vous allez bien. " + overdueOrNot(
                    overdue: oneOrSeveral(
                        "Sauf erreur de notre part, la facture {{invoice.number}}, arrivée à échéance le {{invoice.due_date}}, n'a pas encore été réglée. Il s'agit sans doute d'un simple oubli.",
                        "Sauf erreur de notre part, quelques factures n'ont pas encore été réglées. Il s'agit sans doute d'un simple oubli."),
                    notYet: oneOrSeveral(
                        "Nous nous permettons simplement de vous rappeler que la facture {{invoice.number}} arrive à échéance le {{invoice.due_date}}.",
                        "Nous nous permettons simplement de vous rappeler que les factures ci-dessous arrivent bientôt à échéance."))),
                .statement(charges: false),
                .paragraph("Si vous avez déjà effectué le paiement, merci beaucoup et ne tenez pas compte de ce message. Une question ou une erreur sur la facture ? Il vous suffit de répondre à cet e-mail."),
                .payment,
                .closing("Bien cordialement,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .polite,
            subject: oneOrSeveral("Relance : facture {{invoice.number}} en attente de règlement",
                                  "Relance : {{invoice_count}} factures en attente de règlement"),
            blocks: [
                madame,
                .paragraph(oneOrSeveral(
                    "Nous constatons que la facture {{invoice.number}}, arrivée à échéance le {{invoice.due_date}}, reste à ce jour impayée.",
                    "Nous constatons que les factures suivantes, arrivées à échéance, restent à ce jour impayées.")),
                .statement(charges: true),
                .paragraph("Nous vous remercions de bien vouloir procéder au règlement dans les meilleurs délais. Si votre paiement a croisé ce courrier, nous vous prions de ne pas tenir compte de cette relance."),
                .paragraph("Si une question ou une difficulté retarde le paiement, n'hésitez pas à nous en faire part : nous sommes à votre disposition."),
                .payment,
                .closing("Cordialement,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .firm,
            subject: oneOrSeveral("Facture {{invoice.number}} impayée : {{total_due}} restant dû",
                                  "{{invoice_count}} factures impayées : {{total_due}} restant dû"),
            blocks: [
                madame,
                .paragraph(oneOrSeveral(
                    "La facture {{invoice.number}} présente désormais un retard de {{overdue_by}} et nous n'avons toujours pas reçu votre règlement. Le montant restant dû s'élève à {{total_due}}.",
                    "Les factures ci-dessous restent impayées ; la plus ancienne présente un retard de {{overdue_by}}. Le montant restant dû s'élève au total à {{total_due}}.")),
                .statement(charges: true),
                .paragraph("Nous vous demandons de régler {{total_due}} au plus tard le {{pay_by}}. À défaut de règlement à cette date, un membre de notre équipe vous appellera afin de trouver une solution avec vous."),
                .paragraph("Si vous avez déjà payé, merci de nous indiquer la date du paiement afin que nous puissions le retrouver. Si une difficulté vous empêche de régler, contactez-nous dès maintenant : nous préférons en parler avec vous."),
                .payment,
                .closing("Cordialement,"),
            ]),
        DefaultMessage(
            name: "reminder", tone: .formal,
            subject: oneOrSeveral("Mise en demeure de payer : facture {{invoice.number}}",
                                  "Mise en demeure de payer : {{invoice_count}} factures"),
            blocks: [
                formel,
                .paragraph(oneOrSeveral(
                    "Malgré son échéance au {{invoice.due_date}}, la facture {{invoice.number}} du {{invoice.issue_date}} demeure impayée à ce jour. Par la présente, nous vous mettons en demeure de régler la somme détaillée ci-dessous.",
                    "Malgré leur échéance, les factures détaillées ci-dessous demeurent impayées à ce jour. Par la présente, nous vous mettons en demeure de régler la somme totale.")),
                .statement(charges: true),
                .onlyIf("charges_added", [
                    .paragraph("Conformément à nos conditions de paiement et aux dispositions légales relatives aux retards de paiement, ce total comprend les frais et intérêts indiqués ci-dessus."),
                ]),
                .paragraph("Nous vous prions de bien vouloir régler la somme de {{total_due}} au plus tard le {{pay_by}}."),
                .paragraph("Si vous contestez ce montant ou si vous avez déjà effectué le paiement, merci de nous contacter sans délai afin que nous puissions examiner votre compte."),
                .payment,
                salutations,
            ]),
        DefaultMessage(
            name: "reminder", tone: .final,
            subject: oneOrSeveral("Dernier avis : facture {{invoice.number}}",
                                  "Dernier avis : {{invoice_count}} factures impayées"),
            blocks: [
                formel,
                .paragraph(oneOrSeveral(
                    "La facture {{invoice.number}} du {{invoice.issue_date}} présente un retard de {{overdue_by}} et reste impayée. Le présent courrier constitue notre dernier avis.",
                    "Les factures ci-dessous restent impayées ; la plus ancienne présente un retard de {{overdue_by}}. Le présent courrier constitue notre dernier avis.")),
                .statement(charges: true),
                .paragraph("Nous vous mettons en demeure de régler {{total_due}} au plus tard le {{pay_by}}. Sans paiement ni réponse de votre part à cette date, nous devrons envisager de confier le recouvrement de cette créance à un tiers, ce que nous souhaiterions éviter."),
                .paragraph("Si vous ne pouvez pas régler la totalité en une seule fois, contactez-nous avant le {{pay_by}} : nous restons disposés à convenir d'un échéancier avec vous."),
                .payment,
                salutations,
            ]),
        DefaultMessage(
            name: "reminder", tone: .supportive,
            subject: "Votre compte chez {{business.name}} : comment pouvons-nous vous aider ?",
            blocks: [
                bonjour,
                .paragraph("Nous savons que chacun peut traverser des périodes difficiles, et nous souhaitons trouver avec vous une solution adaptée. "
                    + oneOrSeveral("La facture {{invoice.number}} est encore ouverte, et nous voulons vous faciliter son règlement autant que possible.",
                                   "Quelques factures sont encore ouvertes, et nous voulons vous faciliter leur règlement autant que possible.")),
                .statement(charges: false),
                .paragraph("Si un règlement en une seule fois est compliqué en ce moment, nous pouvons étaler le montant en plusieurs mensualités adaptées à votre budget. Répondez simplement à ce message ou appelez-nous pour nous dire ce qui vous serait possible – inutile d'en dire plus que vous ne le souhaitez."),
                .paragraph("Pouvons-nous vous aider d'une autre manière ? Quelle que soit votre situation, nous préférons de loin avoir de vos nouvelles."),
                .payment,
                .closing("Bien cordialement,"),
            ]),
    ]

    private static let frenchOtherMessages: [DefaultMessage] = [
        DefaultMessage(
            name: "broken_promise", tone: .polite,
            subject: "Votre règlement prévu le {{promise.date}}",
            blocks: [
                madame,
                .paragraph("Vous nous aviez annoncé un règlement de {{promise.amount}} au plus tard le {{promise.date}}, et nous vous en remercions. À ce jour, nous ne l'avons pas encore reçu."),
                .paragraph("Si le virement est déjà parti, merci et ne tenez pas compte de ce message. En cas d'imprévu, pourriez-vous nous indiquer à quelle date nous pouvons l'attendre ?"),
                .statement(charges: false),
                .payment,
                .closing("Cordialement,"),
            ]),
        DefaultMessage(
            name: "broken_promise", tone: .firm,
            subject: "Règlement annoncé non reçu : {{total_due}} restant dû",
            blocks: [
                madame,
                .paragraph("Sur la foi de votre engagement à régler {{promise.amount}} avant le {{promise.date}}, nous avions suspendu nos relances. Cette date est passée et le paiement ne nous est pas parvenu."),
                .statement(charges: true),
                .paragraph("Nous vous demandons de régler {{total_due}} au plus tard le {{pay_by}}, ou de nous appeler d'ici là pour convenir d'une date que vous pourrez tenir. Sans nouvelles de votre part, un membre de notre équipe vous contactera par téléphone."),
                .payment,
                .closing("Cordialement,"),
            ]),
        DefaultMessage(
            name: "broken_promise", tone: .supportive,
            subject: "Votre règlement prévu : pouvons-nous vous aider ?",
            blocks: [
                bonjour,
                .paragraph("Le règlement de {{promise.amount}} que vous aviez prévu pour le {{promise.date}} ne nous est pas parvenu. Nous savons que les choses ne se passent pas toujours comme prévu, et ce n'est pas grave."),
                .paragraph("Un montant plus faible, une date plus tardive ou un échelonnement vous conviendraient-ils mieux ? Dites-nous simplement ce qui vous serait possible et nous trouverons une solution ensemble."),
                .statement(charges: false),
                .payment,
                .closing("Bien cordialement,"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .friendly,
            subject: "Votre prochaine échéance de {{plan.instalment_amount}} le {{plan.instalment_date}}",
            blocks: [
                bonjour,
                .paragraph("Petit rappel : la prochaine échéance de votre plan de paiement, d'un montant de {{plan.instalment_amount}}, est prévue le {{plan.instalment_date}}. Il restera ensuite {{total_due}} à régler au titre du plan."),
                .paragraph("Merci de respecter le plan convenu. Si vous avez déjà effectué ce versement, ne tenez pas compte de ce message."),
                .payment,
                .closing("Bien cordialement,"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .firm,
            subject: "Échéance impayée : {{plan.instalment_amount}} prévue le {{plan.instalment_date}}",
            blocks: [
                madame,
                .paragraph("L'échéance de {{plan.instalment_amount}} prévue le {{plan.instalment_date}} dans le cadre de votre plan de paiement ne nous est pas parvenue."),
                .paragraph("Merci de la régler au plus tard le {{pay_by}} afin que le plan se poursuive comme convenu. Si votre situation a changé, contactez-nous avant cette date et nous reverrons le plan ensemble."),
                .payment,
                .closing("Cordialement,"),
            ]),
        DefaultMessage(
            name: "plan_instalment", tone: .supportive,
            subject: "Votre plan de paiement : tout se passe bien ?",
            blocks: [
                bonjour,
                .paragraph("La prochaine échéance de votre plan, {{plan.instalment_amount}}, est prévue le {{plan.instalment_date}}. Nous espérons que ce plan vous convient."),
                .paragraph("Si ce montant est devenu difficile à régler, prévenez-nous avant cette date : nous pouvons souvent réduire les échéances ou décaler une date plutôt que de laisser le plan prendre du retard."),
                .payment,
                .closing("Bien cordialement,"),
            ]),
        DefaultMessage(
            name: "courtesy", tone: .friendly,
            subject: "Votre règlement de {{promise.amount}} prévu le {{promise.date}}",
            blocks: [
                bonjour,
                .paragraph("Merci encore de nous avoir annoncé un règlement de {{promise.amount}} d'ici le {{promise.date}}. Pour vous faciliter la tâche, vous trouverez ci-dessous nos coordonnées de paiement."),
                .paragraph("Si le paiement est déjà effectué, merci : vous n'avez rien d'autre à faire."),
                .payment,
                .closing("Bien cordialement,"),
            ]),
        DefaultMessage(
            name: "courtesy", tone: .supportive,
            subject: "Un petit mot au sujet de votre règlement du {{promise.date}}",
            blocks: [
                bonjour,
                .paragraph("Un petit mot au sujet du règlement de {{promise.amount}} que vous avez prévu pour le {{promise.date}}. Si cette date ne vous convient plus, dites-le-nous : nous trouverons volontiers une autre solution avec vous."),
                .payment,
                .closing("Bien cordialement,"),
            ]),
    ]
}
