/// The transparency procedure of RFC 5321 §4.5.2 for the bytes after `DATA`.
enum SMTPDataEncoding {
    /// The message with every line end as CRLF (a bare CR or LF becomes CRLF), a
    /// second `.` before each line that starts with `.`, a final CRLF if missing,
    /// and the `.` line that ends the data.
    static func transparent(_ data: [UInt8]) -> [UInt8] {
        let carriageReturn = UInt8(ascii: "\r"), lineFeed = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        var output: [UInt8] = []
        output.reserveCapacity(data.count + data.count / 64 + 5)
        var atLineStart = true
        var index = 0
        while index < data.count {
            let byte = data[index]
            if byte == carriageReturn || byte == lineFeed {
                output += [carriageReturn, lineFeed]
                let isPair = byte == carriageReturn && index + 1 < data.count && data[index + 1] == lineFeed
                index += isPair ? 2 : 1
                atLineStart = true
                continue
            }
            if atLineStart && byte == dot { output.append(dot) }
            output.append(byte)
            atLineStart = false
            index += 1
        }
        if !atLineStart { output += [carriageReturn, lineFeed] }
        output += [dot, carriageReturn, lineFeed]
        return output
    }
}
