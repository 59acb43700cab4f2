import SettleCore

/// The parts every Settle document shares: the letterhead, the address in the window of a
/// DIN 5008 / US #10 envelope with the document's facts beside it, the salutation and the
/// closing, and the payment instructions.
extension PageCanvas {
    /// The organisation's name and address across the top of the first page.
    func letterhead(_ letterhead: Letterhead) {
        let nameWidth = contentWidth * 0.62
        let nameHeight = text(letterhead.name, x: left, y: y, width: nameWidth, style: .organisation)
        let details = (letterhead.address + letterhead.contact).joined(separator: "\n")
        let detailsHeight = text(details, x: left + nameWidth, y: y, width: contentWidth - nameWidth,
                                 style: TextStyle.small.aligned(.right))
        y += max(nameHeight, detailsHeight) + 4
        rule()
    }

    /// The recipient's address where an envelope's window shows it (45 mm from the top), the
    /// sender's one-line return address above it, and `facts` beside it; then the cursor moves
    /// below both.
    func addressBlock(_ recipient: Recipient, sender: Letterhead, facts: [LabelledValue], wording: DocumentWording) {
        let windowTop = max(y + 4, 45 * Self.millimetre)
        let windowWidth = 85 * Self.millimetre
        let returnAddress = ([sender.name] + sender.address).joined(separator: " · ")
        let returnHeight = text(returnAddress, x: left, y: windowTop, width: windowWidth, style: .senderLine)
        var lines = [recipient.name]
        if let attention = recipient.attention, !attention.isEmpty { lines.append(wording.attention(attention)) }
        lines += recipient.address
        let addressHeight = text(lines.joined(separator: "\n"), x: left, y: windowTop + returnHeight + 4,
                                 width: windowWidth, style: TextStyle(size: 10.5))
        let factsX = left + contentWidth * 0.55
        let factsHeight = labelledValues(facts, x: factsX, width: left + contentWidth - factsX, valueAlignment: .right,
                                         at: windowTop)
        y = max(windowTop + returnHeight + 4 + addressHeight, windowTop + factsHeight, 80 * Self.millimetre)
        y += 8 * Self.millimetre
    }

    /// The document's title in large bold type.
    func title(_ text: String) {
        paragraph(text, style: .title, spaceAfter: 10)
    }

    /// A heading within the document, kept with at least a few lines of what follows it.
    func heading(_ text: String) {
        ensureSpace(60)
        space(6)
        paragraph(text, style: .heading, spaceAfter: 5)
    }

    /// The closing formula, the signature and the organisation's name, kept together.
    func closing(_ formula: String, letterhead: Letterhead) {
        var text = formula + "\n\n"
        if !letterhead.signature.isEmpty { text += letterhead.signature + "\n" }
        text += letterhead.name
        space(6)
        paragraph(text)
    }

    /// How to pay: the bank details with the reference and amount, and a payment QR code beside
    /// them when one is given. Nothing without bank details.
    func paymentInstructions(_ letterhead: Letterhead, wording: DocumentWording, reference: String?, amount: Money?,
                             code: QRMatrix?, formatter: DocumentFormatter) {
        guard let bank = letterhead.bankDetails else { return }
        var rows = [LabelledValue(label: wording.accountHolder, value: bank.accountHolder)]
        if !bank.bankName.isEmpty { rows.append(LabelledValue(label: wording.bank, value: bank.bankName)) }
        rows.append(LabelledValue(label: "IBAN", value: bank.iban.printed))
        if let bic = bank.bic { rows.append(LabelledValue(label: "BIC", value: bic)) }
        if let reference { rows.append(LabelledValue(label: wording.reference, value: reference, bold: true)) }
        if let amount { rows.append(LabelledValue(label: wording.amount, value: formatter.amount(amount), bold: true)) }
        let codeSize = 36 * Self.millimetre
        let caption = wording.scanToPay
        let captionHeight = code == nil ? 0 : height(of: caption, width: codeSize, style: TextStyle.small.aligned(.center))
        let detailsWidth = code == nil ? contentWidth * 0.7 : contentWidth - codeSize - 8
        let detailsHeight = Double(rows.count) * 15
        heading(wording.paymentHeading)
        ensureSpace(max(detailsHeight, code == nil ? 0 : codeSize + captionHeight + 4))
        let top = y
        let drawn = labelledValues(rows, x: left, width: detailsWidth, labelShare: 0.35, at: top)
        var bottom = top + drawn
        if let code {
            let codeX = left + contentWidth - codeSize
            qrCode(code, x: codeX, y: top, size: codeSize)
            text(caption, x: codeX, y: top + codeSize + 2, width: codeSize, style: TextStyle.small.aligned(.center))
            bottom = max(bottom, top + codeSize + 2 + captionHeight)
        }
        y = bottom + 8
    }
}
