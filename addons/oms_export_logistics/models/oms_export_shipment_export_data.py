# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

DEFAULT_CLAUSES = (
    "Institute Cargo Clauses (A), Institute War and Strikes Clauses (Cargo)"
)


class OmsExportShipment(models.Model):
    """What the export documents need from a shipment on top of its routing:
    packages and weights from the delivery's packing, marks and numbers,
    freight terms, the consignee the credit requires, the originals of the
    transport document and the insurance cover. The documents print these
    (``oms.export.document.report``) and check them before they are
    prepared."""

    _inherit = "oms.export.shipment"

    marks_and_numbers = fields.Text(
        help="Shipping marks painted on the packages, e.g. HANSA / HAMBURG / "
        "1-24: the same text on every document.",
    )
    original_bl_count = fields.Integer(
        string="Original B/Ls",
        default=3,
        help="Originals of the bill of lading the carrier issues (full set).",
    )
    freight_terms = fields.Selection(
        [("prepaid", "Freight Prepaid"), ("collect", "Freight Collect")],
        compute="_compute_freight_terms",
        help="Prepaid when the seller pays the main carriage (C and D "
        "incoterms), collect otherwise (E and F).",
    )
    bl_consignee = fields.Char(
        string="Transport Document Consignee",
        compute="_compute_bl_consignee",
        help="Under a letter of credit the transport document is made out "
        "as the credit requires it, by default to the order of the issuing "
        "bank; otherwise to the consignee.",
    )
    port_transshipment = fields.Char(
        string="Port of Transshipment",
        help="Where the goods change vessel on the way, as the transport "
        "document states it: empty when shipped direct.",
    )
    origin_criterion = fields.Char(
        help="Origin criterion declared on the certificate of origin, e.g. "
        "WO (wholly obtained) or the value-added rule met.",
    )
    insurance_policy_number = fields.Char(string="Insurance Policy", copy=False)
    insurance_date = fields.Date(
        string="Insurance Effective",
        copy=False,
        help="Date the cover starts: no later than the shipment date.",
    )
    insurance_clauses = fields.Char(default=DEFAULT_CLAUSES)
    loose_package_ids = fields.One2many(
        "stock.quant.package",
        "oms_shipment_id",
        string="Loose Packages",
        help="Packages packed outside the deliveries and the containers.",
    )
    package_ids = fields.Many2many(
        "stock.quant.package",
        compute="_compute_package_ids",
        string="Packages",
        help="The delivery's packages and those stuffed in its containers.",
    )
    package_count = fields.Integer(
        compute="_compute_package_ids", string="Number of Packages"
    )
    gross_weight = fields.Float(
        compute="_compute_package_ids", string="Gross Weight (kg)"
    )
    net_weight = fields.Float(compute="_compute_package_ids", string="Net Weight (kg)")
    volume = fields.Float(compute="_compute_package_ids", string="Volume (m³)")

    @api.depends("incoterm_id")
    def _compute_freight_terms(self):
        for shipment in self:
            rule = shipment.incoterm_rule_id
            if not rule:
                shipment.freight_terms = False
                continue
            seller_pays = rule.main_carriage_by == "seller"
            shipment.freight_terms = "prepaid" if seller_pays else "collect"

    @api.depends(
        "letter_credit_id.required_consignee",
        "letter_credit_id.issuing_bank_id",
        "consignee_id",
        "partner_id",
    )
    def _compute_bl_consignee(self):
        for shipment in self:
            credit = shipment.letter_credit_id
            bank = credit.issuing_bank_id
            if credit.required_consignee:
                # As the credit words it: the examiner compares the
                # transport documents with this text (UCP 600 art. 14 j).
                shipment.bl_consignee = credit.required_consignee
            elif bank:
                shipment.bl_consignee = self.env._("To the order of %s", bank.name)
            else:
                shipment.bl_consignee = (
                    shipment.consignee_id or shipment.partner_id
                ).name

    @api.depends(
        "picking_ids.move_line_ids.result_package_id",
        "container_ids.package_ids",
        "loose_package_ids",
    )
    def _compute_package_ids(self):
        for shipment in self:
            packages = shipment._get_packages()
            shipment.package_ids = packages
            shipment.package_count = len(packages)
            shipment.gross_weight = sum(packages.mapped("shipping_weight"))
            shipment.net_weight = sum(packages.mapped("oms_net_weight"))
            shipment.volume = sum(packages.mapped("oms_volume"))

    def _get_packages(self):
        """The packages of the delivery's packing (its move lines' result
        packages), those stuffed in the shipment's containers and those
        packed loose for it."""
        self.ensure_one()
        move_lines = self.picking_ids.move_line_ids.filtered(
            lambda ml: ml.state != "cancel"
        )
        packages = (
            move_lines.result_package_id
            | self.container_ids.package_ids
            | self.loose_package_ids
        )
        return packages.sorted("name")

    def _get_posted_invoices(self):
        """The posted customer invoices of the shipment's orders: the
        commercial invoice prints their numbers, dates and amounts."""
        self.ensure_one()
        return self.sale_order_ids.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        ).sorted("invoice_date")

    def _get_export_charges(self):
        """``{"freight": amount, "insurance": amount}`` charged on the
        orders' lines whose product is an export charge (CIF, CIP, CFR,
        CPT): the rest of the value is the FOB value."""
        self.ensure_one()
        charges = {"freight": 0.0, "insurance": 0.0}
        for line in self.sale_order_ids.order_line:
            kind = line.product_id.oms_export_charge_type
            if kind:
                charges[kind] += line.price_subtotal
        return charges

    def _get_sign_place(self):
        self.ensure_one()
        company = self.company_id
        return company.oms_export_sign_place or company.city or ""
