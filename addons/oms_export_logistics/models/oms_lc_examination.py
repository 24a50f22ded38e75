# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OmsLcExamination(models.Model):
    """One examination of a shipment's documents under a letter of credit,
    as the bank would make it on the presentation date, with its list of
    discrepancies (``oms.lc.discrepancy``).

    Written only by :meth:`_oms_create_examination` (the bank submission);
    never edited afterwards: a new submission is examined anew."""

    _name = "oms.lc.examination"
    _description = "Letter of Credit Examination"
    _order = "examined_on desc, id desc"
    _check_company_auto = True

    letter_credit_id = fields.Many2one(
        "oms.letter.credit",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    shipment_id = fields.Many2one(
        "oms.export.shipment",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="letter_credit_id.company_id", store=True, index=True
    )
    presentation_date = fields.Date(required=True, readonly=True)
    examined_on = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now
    )
    examined_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    discrepancy_ids = fields.One2many(
        "oms.lc.discrepancy", "examination_id", string="Discrepancies", readonly=True
    )
    discrepancy_count = fields.Integer(compute="_compute_result", store=True)
    result = fields.Selection(
        [("compliant", "Complying presentation"), ("discrepant", "Discrepant")],
        compute="_compute_result",
        store=True,
    )

    @api.depends("discrepancy_ids")
    def _compute_result(self):
        for examination in self:
            count = len(examination.discrepancy_ids)
            examination.discrepancy_count = count
            examination.result = "discrepant" if count else "compliant"

    @api.depends("shipment_id", "presentation_date")
    def _compute_display_name(self):
        for examination in self:
            examination.display_name = self.env._(
                "%(shipment)s presented %(date)s",
                shipment=examination.shipment_id.name or "",
                date=examination.presentation_date or "",
            )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        # Only _oms_create_examination writes examinations (as superuser,
        # after checking the user may write the shipment).
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Examinations are made when documents are submitted to the bank."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._("An examination is never changed: examine again.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        if not self.env.su:
            raise UserError(self.env._("Examinations are never deleted."))

    # BUSINESS METHODS

    @api.model
    def _oms_create_examination(
        self, credit, shipment, presentation_date, discrepancies=None
    ):
        """Record the examination of ``shipment`` under ``credit`` on
        ``presentation_date`` (``discrepancies``: already found by
        ``_examine_shipment``)."""
        shipment.check_access("write")
        if discrepancies is None:
            discrepancies = self._examine_shipment(credit, shipment, presentation_date)
        # sudo: examinations are read-only records for every user.
        examination = self.sudo().create(
            self._prepare_examination_vals(
                credit, shipment, presentation_date, discrepancies
            )
        )
        return examination.sudo(False)

    @api.model
    def _prepare_examination_vals(
        self, credit, shipment, presentation_date, discrepancies
    ):
        document_types = self.env["oms.export.document.type"].search(
            [("code", "in", [d["document"] for d in discrepancies if d["document"]])]
        )
        type_ids = {
            document_type.code: document_type.id for document_type in document_types
        }
        return {
            "letter_credit_id": credit.id,
            "shipment_id": shipment.id,
            "presentation_date": presentation_date,
            "examined_by_id": self.env.uid,
            "discrepancy_ids": [
                fields.Command.create(
                    {
                        "sequence": sequence,
                        "document_code": discrepancy["document"] or False,
                        "document_type_id": type_ids.get(discrepancy["document"]),
                        "kind": discrepancy["kind"],
                        "article": discrepancy["article"],
                        "name": discrepancy["description"],
                    }
                )
                for sequence, discrepancy in enumerate(discrepancies)
            ],
        }

    def _format_discrepancies(self, discrepancies=None):
        """One line per discrepancy: document, article, description; of
        ``discrepancies`` (dicts of the examiner) or of this examination."""
        if discrepancies is None:
            self.ensure_one()
            discrepancies = [
                {
                    "document": line.document_type_id.name or line.document_code,
                    "article": line.article,
                    "description": line.name,
                }
                for line in self.discrepancy_ids
            ]
        else:
            names = dict(
                self.env["oms.export.document.type"]
                .search([])
                .mapped(lambda d: (d.code, d.name))
            )
            discrepancies = [
                {**d, "document": names.get(d["document"], d["document"])}
                for d in discrepancies
            ]
        return [
            self.env._(
                "%(document)s (%(article)s): %(description)s",
                document=d["document"] or self.env._("Presentation"),
                article=d["article"],
                description=d["description"],
            )
            for d in discrepancies
        ]

    @api.model
    def _examine_shipment(self, credit, shipment, presentation_date=None):
        """Examine ``shipment``'s documents under ``credit`` as the bank
        would on ``presentation_date`` (see ``oms.lc.examiner``)."""
        credit.ensure_one()
        presentation_date = presentation_date or fields.Date.context_today(self)
        return self.env["oms.lc.examiner"]._examine(
            credit,
            presentation_date,
            self._get_shipment_facts(credit, shipment),
            partial=self._is_partial_presentation(credit, shipment),
        )

    @api.model
    def _get_shipment_facts(self, credit, shipment):
        """``{document type code: {fact: value}}`` the documents of
        ``shipment`` state (``oms.export.document.report``)."""
        report = self.env["oms.export.document.report"]
        if hasattr(report, "_get_document_facts"):
            # Only the documents of the shipment's checklist are presented.
            codes = set(shipment.document_ids.document_type_id.mapped("code"))
            facts = {
                code: values
                for code, values in report._get_document_facts(shipment).items()
                if code in codes
            }
        else:
            facts = self._get_fallback_facts(credit, shipment)
        transport = facts.get("bl_record")
        if transport is not None:
            # The containers show on the B/L (art. 20 c ii); without a B/L
            # date, the day the goods went on board is the shipment date.
            facts["bl_record"] = {
                **transport,
                "containers": transport.get("containers")
                or len(shipment.container_ids)
                or None,
                "shipment_date": transport.get("shipment_date")
                or credit._get_shipment_date(shipment)
                or None,
            }
        return facts

    @api.model
    def _get_fallback_facts(self, credit, shipment):
        """The facts all documents of ``shipment`` share, for a report model
        that does not state them per document."""
        common = {
            "lc_number": credit.name,
            "port_loading": shipment.port_loading or None,
            "port_discharge": shipment.port_discharge or None,
            "vessel": shipment.vessel or None,
            "shipment_date": credit._get_shipment_date(shipment) or None,
        }
        codes = shipment.document_ids.document_type_id.mapped("code")
        facts = {code: dict(common) for code in codes}
        if "commercial_invoice" in facts:
            facts["commercial_invoice"].update(
                amount=shipment._get_document_amount(),
                currency=shipment._get_document_currency().name,
            )
        return facts

    @api.model
    def _is_partial_presentation(self, credit, shipment):
        """Whether ``shipment`` ships only part of the credit's orders, or
        another live shipment draws on the credit too; None when the credit
        names no orders (the documents' quantity and amount tell then)."""
        if not credit.sale_order_ids:
            return None
        others = (credit.shipment_ids - shipment).filtered(
            lambda s: s.state != "cancelled"
        )
        return bool(others) or credit._is_partial_shipment(shipment)
