#!/usr/bin/env python3
"""Print what the PyPI package mt-940 reads from an MT940 file, as JSON.

Usage: mt940_dump.py FILE

A list with one object per transaction, in file order: the statement's account
and reference, the :61: fields (amount as a string, currency, value and entry
date, debit/credit status, funds code, transaction type, customer and bank
reference) and the :86: details as the package gives them (German structured
subfields and SEPA keywords, or the raw text). Settle's tests compare its own
MT940 reader with this, entry by entry.
"""

import json
import sys

import mt940

# Everything the package's next major release will do by default: ?31 under
# applicant_iban, the :61: customer reference kept beside a :86: KREF, RC
# signed as the debit it is, :86: of any length, a byte-order mark dropped.
OPTIONS = mt940.Options.all()

DETAIL_KEYS = [
    'transaction_code', 'posting_text', 'prima_nota', 'purpose', 'additional_purpose',
    'applicant_bin', 'applicant_iban', 'applicant_name', 'return_debit_notes',
    'end_to_end_reference', 'customer_reference', 'additional_position_reference',
    'applicant_creditor_id', 'deviate_applicant', 'deviate_recipient', 'transaction_details',
]


def decode(data):
    """Each line as UTF-8, or ISO-8859-1 where it is not valid UTF-8, as Settle reads it."""
    lines = []
    for line in data.split(b'\n'):
        try:
            lines.append(line.decode('utf-8'))
        except UnicodeDecodeError:
            lines.append(line.decode('latin-1'))
    return '\n'.join(lines)


def text(value):
    return None if value is None else str(value)


def transactions(path):
    with open(path, 'rb') as handle:
        source = decode(handle.read())
    for statement in mt940.parse_statements(source, options=OPTIONS):
        for transaction in statement:
            data = transaction.data
            amount = data['amount']
            row = {
                'account': text(statement.data.get('account_identification')),
                'statement': text(statement.data.get('transaction_reference')),
                'amount': str(amount.amount),
                'currency': amount.currency,
                'status': data.get('status'),
                'funds_code': data.get('funds_code'),
                'date': text(data.get('date')),
                'entry_date': text(data.get('entry_date')),
                'id': data.get('id'),
                'bank_reference': data.get('bank_reference'),
                'extra_details': data.get('extra_details'),
            }
            for key in DETAIL_KEYS:
                row[key] = text(data.get(key))
            yield row


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    json.dump(list(transactions(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
