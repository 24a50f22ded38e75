# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import float_compare

from .oms_lc_examiner_rules import (
    ALWAYS_EXAMINED,
    CONSISTENCY_FIELDS,
    DISCREPANCY_KINDS,
    INSURANCE_DOCUMENTS,
    INVOICE,
    NOT_PRESENTED,
    TRANSPORT_DOCUMENT,
    TRANSPORT_DOCUMENTS,
    agrees,
    get_reference,
    normalise,
)


class OmsLcExaminer(models.AbstractModel):
    """The examination of a presentation as the nominated bank does it
    (UCP 600, ISBP 745), as pure functions of the credit, the presentation
    date and the facts each document states.

    ``facts`` is ``{document type code: {fact: value}}``, a value of None
    meaning "not stated" (see ``oms.export.document.report``
    ``_get_document_facts``). Every check returns discrepancy dicts:
    ``{"document": code or False, "kind": key of DISCREPANCY_KINDS,
    "article": ..., "description": ...}``."""

    _name = "oms.lc.examiner"
    _description = "Letter of Credit Examiner"

    @api.model
    def _examine(self, credit, presentation_date, facts, partial=None):
        """Every discrepancy of presenting ``facts`` under ``credit`` on
        ``presentation_date``. ``partial``: whether the shipment is a part
        of the credit's goods (None: judged from the invoiced quantity and
        amount)."""
        credit.ensure_one()
        facts = self._get_examined_facts(credit, facts)
        discrepancies = []
        for check in self._get_checks():
            discrepancies += check(credit, presentation_date, facts, partial)
        return discrepancies

    def _get_checks(self):
        """The checks, in the order a checker reads the set."""
        return [
            self._check_documents_presented,
            self._check_consistency,
            self._check_invoice,
            self._check_shipment,
            self._check_partial,
            self._check_presentation,
            self._check_insurance,
        ]

    @api.model
    def _get_examined_facts(self, credit, facts):
        """Documents the credit does not call for are disregarded (art.
        14 g); a credit listing none has every bank document examined."""
        required = set(credit.document_type_ids.mapped("code"))
        if not required:
            return {
                code: values
                for code, values in facts.items()
                if code not in NOT_PRESENTED
            }
        return {
            code: values
            for code, values in facts.items()
            if code in required | ALWAYS_EXAMINED
        }

    @api.model
    def _discrepancy(self, kind, document, description):
        return {
            "document": document or False,
            "kind": kind,
            "article": DISCREPANCY_KINDS[kind][1],
            "description": description,
        }

    @api.model
    def _stated(self, facts, fname):
        """``{code: value}`` of the documents stating ``fname``."""
        return {
            code: values[fname]
            for code, values in facts.items()
            if values.get(fname) not in (None, False, "")
        }

    # CHECKS

    def _check_documents_presented(self, credit, presentation_date, facts, partial):
        return [
            self._discrepancy(
                "document_missing",
                document_type.code,
                self.env._(
                    "%(document)s is called for by the credit and not presented.",
                    document=document_type.name,
                ),
            )
            for document_type in credit.document_type_ids
            if document_type.code not in facts
        ]

    def _check_consistency(self, credit, presentation_date, facts, partial):
        """Data in a document must not conflict with the credit nor with
        any other document (art. 14 d): each document stating a value
        other than the reference one is reported once."""
        discrepancies = []
        credit_values = self._get_credit_values(credit)
        for fname, primary in CONSISTENCY_FIELDS.items():
            stated = self._stated(facts, fname)
            if fname == "consignee":
                # The transport documents show the consignee the credit
                # requires (_check_transport_consignee); the others the buyer.
                stated = {
                    code: value
                    for code, value in stated.items()
                    if code not in TRANSPORT_DOCUMENTS
                }
            elif fname == "currency":
                # The invoice's and the insurance's currencies have their
                # own articles (_check_invoice, _check_insurance).
                stated = {
                    code: value
                    for code, value in stated.items()
                    if code != INVOICE and code not in INSURANCE_DOCUMENTS
                }
            if not stated:
                continue
            reference = credit_values.get(fname)
            from_credit = reference not in (None, False, "")
            if not from_credit:
                reference = get_reference(stated, primary, fname)
            for code, value in stated.items():
                if agrees(fname, value, reference):
                    continue
                kind = f"conflict_{fname}"
                if (
                    from_credit
                    and code == TRANSPORT_DOCUMENT
                    and fname
                    in (
                        "port_loading",
                        "port_discharge",
                    )
                ):
                    kind = fname
                if from_credit and code == INVOICE and fname == "goods_description":
                    continue  # art. 18 c, reported by _check_invoice
                discrepancies.append(
                    self._discrepancy(
                        kind,
                        code,
                        self.env._(
                            "%(fact)s stated as %(value)s, elsewhere %(reference)s.",
                            fact=fname.replace("_", " ").capitalize(),
                            value=value,
                            reference=reference,
                        ),
                    )
                )
        discrepancies += self._check_transport_consignee(credit, facts)
        return discrepancies

    def _check_transport_consignee(self, credit, facts):
        """The transport documents name the consignee the credit requires,
        else the same one."""
        stated = {
            code: value
            for code, value in self._stated(facts, "consignee").items()
            if code in TRANSPORT_DOCUMENTS
        }
        if not stated:
            return []
        reference = credit.required_consignee or get_reference(
            stated, TRANSPORT_DOCUMENT, "consignee"
        )
        return [
            self._discrepancy(
                "conflict_consignee",
                code,
                self.env._(
                    "Consignee %(stated)s, the credit requires %(required)s.",
                    stated=consignee,
                    required=reference,
                ),
            )
            for code, consignee in stated.items()
            if normalise(consignee) != normalise(reference)
        ]

    def _get_credit_values(self, credit):
        """What the credit itself states: the documents may not conflict
        with it."""
        return {
            "lc_number": credit.name,
            "port_loading": credit.port_loading,
            "port_discharge": credit.port_discharge,
            "goods_description": credit.goods_description,
            "currency": credit.currency_id.name,
        }

    def _check_invoice(self, credit, presentation_date, facts, partial):
        invoice = facts.get(INVOICE)
        if not invoice:
            return []
        discrepancies = []
        description = invoice.get("goods_description")
        if (
            credit.goods_description
            and description
            and (normalise(credit.goods_description) not in normalise(description))
        ):
            discrepancies.append(
                self._discrepancy(
                    "goods_description",
                    INVOICE,
                    self.env._(
                        "The invoice describes the goods as %(stated)s, the "
                        "credit as %(credit)s.",
                        stated=description,
                        credit=credit.goods_description,
                    ),
                )
            )
        currency = invoice.get("currency")
        if currency and currency != credit.currency_id.name:
            discrepancies.append(
                self._discrepancy(
                    "invoice_currency",
                    INVOICE,
                    self.env._(
                        "Invoiced in %(stated)s, the credit is in %(credit)s.",
                        stated=currency,
                        credit=credit.currency_id.name,
                    ),
                )
            )
        amount = invoice.get("amount")
        _low, high = credit._get_amount_bounds()
        rounding = credit.currency_id.rounding
        if amount is not None and (
            float_compare(amount, high, precision_rounding=rounding) > 0
        ):
            discrepancies.append(
                self._discrepancy(
                    "amount_over_credit",
                    INVOICE,
                    self.env._(
                        "The invoice amount %(amount).2f %(currency)s is over the "
                        "credit amount %(credit).2f within %(tolerance)s%% "
                        "(at most %(high).2f): outside the credit amount.",
                        amount=amount,
                        currency=credit.currency_id.name,
                        credit=credit.amount,
                        tolerance=credit._get_amount_tolerance(),
                        high=high,
                    ),
                )
            )
        quantity = invoice.get("quantity")
        if credit.goods_quantity and quantity is not None:
            _qlow, qhigh = credit._get_quantity_bounds()
            if float_compare(quantity, qhigh, 3) > 0:
                discrepancies.append(
                    self._discrepancy(
                        "quantity_tolerance",
                        INVOICE,
                        self.env._(
                            "Quantity %(quantity)s over the credit's %(credit)s "
                            "(at most %(high)s).",
                            quantity=quantity,
                            credit=credit.goods_quantity,
                            high=qhigh,
                        ),
                    )
                )
        return discrepancies

    def _get_shipment_date(self, facts):
        dates = self._stated(facts, "shipment_date")
        return dates.get(TRANSPORT_DOCUMENT) or min(dates.values(), default=False)

    def _check_shipment(self, credit, presentation_date, facts, partial):
        shipment_date = self._get_shipment_date(facts)
        discrepancies = []
        if not shipment_date:
            discrepancies.append(
                self._discrepancy(
                    "no_shipment_date",
                    TRANSPORT_DOCUMENT,
                    self.env._("The shipment has no on-board (B/L) date."),
                )
            )
        elif shipment_date > credit.latest_shipment_date:
            discrepancies.append(
                self._discrepancy(
                    "late_shipment",
                    TRANSPORT_DOCUMENT,
                    self.env._(
                        "Shipped on %(shipped)s, after the latest shipment date "
                        "%(latest)s.",
                        shipped=shipment_date,
                        latest=credit.latest_shipment_date,
                    ),
                )
            )
        transport = facts.get(TRANSPORT_DOCUMENT) or {}
        # Even under a credit prohibiting it, transshipment of goods in
        # containers is acceptable on a bill of lading (art. 20 c ii).
        if (
            not credit.transshipment
            and transport.get("transshipment")
            and not transport.get("containers")
        ):
            discrepancies.append(
                self._discrepancy(
                    "transshipment",
                    TRANSPORT_DOCUMENT,
                    self.env._(
                        "The transport document shows transshipment of goods not "
                        "in containers; credit %s prohibits transshipment.",
                        credit.name,
                    ),
                )
            )
        return discrepancies

    def _check_partial(self, credit, presentation_date, facts, partial):
        """Partial shipments and drawings are allowed (art. 31 a) unless the
        credit prohibits them; then the amount may be at most the
        tolerance short, 5 % when the full quantity is shipped (art. 30 c)."""
        if credit.partial_shipment:
            return []
        invoice = facts.get(INVOICE) or {}
        quantity, amount = invoice.get("quantity"), invoice.get("amount")
        full_quantity = False
        if partial is None:
            partial = False
            if credit.goods_quantity and quantity is not None:
                qlow, _qhigh = credit._get_quantity_bounds()
                full_quantity = float_compare(quantity, qlow, 3) >= 0
                partial = not full_quantity
        if not partial and amount is not None:
            low = credit._get_amount_bounds(short_allowed=full_quantity)[0]
            rounding = credit.currency_id.rounding
            partial = float_compare(amount, low, precision_rounding=rounding) < 0
        if not partial:
            return []
        return [
            self._discrepancy(
                "partial_shipment",
                INVOICE,
                self.env._(
                    "Partial shipments are not allowed under letter of credit %s.",
                    credit.name,
                ),
            )
        ]

    def _check_presentation(self, credit, presentation_date, facts, partial):
        """Presented no later than the expiry date (art. 6 d, 6 e) and the
        presentation period after shipment (art. 14 c), each moved to the
        next banking day when the bank is closed on it (art. 29 a)."""
        expiry = credit._get_next_banking_day(credit.expiry_date)
        if presentation_date > expiry:
            return [
                self._discrepancy(
                    "expired",
                    False,
                    self.env._(
                        "Presented on %(date)s: the letter of credit expired on "
                        "%(expiry)s.",
                        date=presentation_date,
                        expiry=credit.expiry_date,
                    ),
                )
            ]
        discrepancies = []
        shipment_date = self._get_shipment_date(facts)
        if shipment_date:
            deadline = credit._get_presentation_deadline(shipment_date)
            if presentation_date > deadline:
                discrepancies.append(
                    self._discrepancy(
                        "late_presentation",
                        False,
                        self.env._(
                            "Presented on %(date)s: the presentation deadline "
                            "%(deadline)s has passed.",
                            date=presentation_date,
                            deadline=deadline,
                        ),
                    )
                )
        for code, document_date in self._stated(facts, "document_date").items():
            if document_date > presentation_date:
                discrepancies.append(
                    self._discrepancy(
                        "document_date",
                        code,
                        self.env._(
                            "Dated %(date)s, after the presentation on %(presented)s.",
                            date=document_date,
                            presented=presentation_date,
                        ),
                    )
                )
        return discrepancies

    def _check_insurance(self, credit, presentation_date, facts, partial):
        """Insurance of at least the credit's cover (110 % when silent) of
        the CIF or CIP value, in the credit's currency, effective no later
        than the shipment date (art. 28 e, 28 f)."""
        discrepancies = []
        invoice_amount = (facts.get(INVOICE) or {}).get("amount")
        shipment_date = self._get_shipment_date(facts)
        for code in self._get_insurance_documents(facts):
            values = facts[code]
            insured = values.get("insured_amount")
            if insured is None:
                discrepancies.append(
                    self._discrepancy(
                        "insurance_missing",
                        code,
                        self.env._("The insurance document states no insured amount."),
                    )
                )
            elif invoice_amount is not None:
                minimum = invoice_amount * credit.insurance_percent / 100.0
                rounding = credit.currency_id.rounding
                if float_compare(insured, minimum, precision_rounding=rounding) < 0:
                    discrepancies.append(
                        self._discrepancy(
                            "insurance_under",
                            code,
                            self.env._(
                                "Insured for %(insured).2f, less than %(percent)s%% "
                                "of the CIF or CIP value (%(minimum).2f).",
                                insured=insured,
                                percent=credit.insurance_percent,
                                minimum=minimum,
                            ),
                        )
                    )
            currency = values.get("currency")
            if currency and currency != credit.currency_id.name:
                discrepancies.append(
                    self._discrepancy(
                        "insurance_currency",
                        code,
                        self.env._(
                            "Insured in %(stated)s, the credit is in %(credit)s.",
                            stated=currency,
                            credit=credit.currency_id.name,
                        ),
                    )
                )
            effective = values.get("insurance_effective_date")
            if effective and shipment_date and effective > shipment_date:
                discrepancies.append(
                    self._discrepancy(
                        "insurance_late",
                        code,
                        self.env._(
                            "Cover effective from %(effective)s, after the shipment "
                            "on %(shipped)s.",
                            effective=effective,
                            shipped=shipment_date,
                        ),
                    )
                )
        return discrepancies

    def _get_insurance_documents(self, facts):
        return [
            code
            for code, values in facts.items()
            if code in INSURANCE_DOCUMENTS or values.get("insured_amount") is not None
        ]
