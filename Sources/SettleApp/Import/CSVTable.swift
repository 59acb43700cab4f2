import Foundation

/// A CSV file read against a known set of columns: the header is checked (required
/// columns present, no unknown or repeated ones) and each row has exactly one field per column.
struct CSVTable {
    struct Row {
        let line: Int
        private let fields: [CSVField]
        /// Column name to field position, shared by every row of the file.
        private let positions: [String: Int]

        init(line: Int, fields: [CSVField], positions: [String: Int]) {
            self.line = line
            self.fields = fields
            self.positions = positions
        }

        /// The value of a column without surrounding spaces ("" when the column is absent from the file).
        func value(_ column: String) -> String {
            guard let position = positions[column] else { return "" }
            let value = fields[position].value
            // Most fields have no surrounding spaces; only those pay for trimming.
            guard value.first == " " || value.last == " " || value.first == "\t" || value.last == "\t" else { return value }
            return value.trimmingCharacters(in: .whitespaces)
        }

        /// Where a column's field starts on its line (1 when the column is absent).
        func column(_ column: String) -> Int { positions[column].map { fields[$0].column } ?? 1 }
    }

    let file: String
    let rows: [Row]

    /// Reads `bytes`; every problem found is added to `problems` (an empty table comes back then).
    init(bytes: [UInt8], file: String, required: [String], optional: [String], problems: inout [FileProblem]) {
        self.file = file
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(bytes, file: file)
        } catch {
            problems.append(error)
            rows = []
            return
        }
        guard let header = records.first else {
            problems.append(FileProblem(file: file, line: 1, column: 1,
                                        message: "the file is empty (expected a header line: \(required.joined(separator: ",")))"))
            rows = []
            return
        }
        var names: [String] = []
        var headerOK = true
        for field in header.fields {
            let name = field.value.trimmingCharacters(in: .whitespaces).lowercased()
            if !(required + optional).contains(name) {
                problems.append(FileProblem(file: file, line: header.line, column: field.column,
                                            message: "unknown column \"\(field.value)\" (expected \((required + optional).joined(separator: ", ")))"))
                headerOK = false
            } else if names.contains(name) {
                problems.append(FileProblem(file: file, line: header.line, column: field.column,
                                            message: "column \"\(name)\" appears twice"))
                headerOK = false
            }
            names.append(name)
        }
        for name in required where !names.contains(name) {
            problems.append(FileProblem(file: file, line: header.line, column: header.endColumn,
                                        message: "missing required column \"\(name)\""))
            headerOK = false
        }
        guard headerOK else {
            rows = []
            return
        }
        var rows: [Row] = []
        let positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                let short = record.fields.count < names.count
                let column = short ? record.endColumn : record.fields[names.count].column
                let detail = short ? "missing \(names[record.fields.count...].joined(separator: ", "))" : "too many fields"
                problems.append(FileProblem(file: file, line: record.line, column: column,
                                            message: "expected \(names.count) fields, found \(record.fields.count) (\(detail))"))
                continue
            }
            rows.append(Row(line: record.line, fields: record.fields, positions: positions))
        }
        self.rows = rows
    }

    /// A problem located at a row's column.
    func problem(_ row: Row, _ column: String, _ message: String) -> FileProblem {
        FileProblem(file: file, line: row.line, column: row.column(column), message: message)
    }
}
