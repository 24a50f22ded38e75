# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# UN/LOCODE: the ISO 3166 country code, then three letters or digits 2-9.
UNLOCODE_RE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


class OmsPort(models.Model):
    """A port or airport by its UN/LOCODE. Shared by every company: a code
    names the same place for all of them."""

    _name = "oms.port"
    _description = "Port (UN/LOCODE)"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(
        string="UN/LOCODE",
        size=5,
        required=True,
        index=True,
        help="Five characters: the country's ISO code and the location, "
        "e.g. INNSA for Nhava Sheva.",
    )
    name = fields.Char(required=True, translate=True)
    country_id = fields.Many2one(
        "res.country",
        compute="_compute_country_id",
        store=True,
        help="The country of the code's first two letters.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique (code)", "A port with this UN/LOCODE already exists."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for port in self:
            port.display_name = f"{port.code} ({port.name})" if port.code else port.name

    @api.depends("code")
    def _compute_country_id(self):
        codes = {(port.code or "")[:2] for port in self}
        countries = self.env["res.country"].search([("code", "in", list(codes))])
        by_code = {country.code: country for country in countries}
        for port in self:
            port.country_id = by_code.get((port.code or "")[:2], False)

    @api.constrains("code")
    def _check_code(self):
        for port in self:
            if not UNLOCODE_RE.match(port.code or ""):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not a UN/LOCODE: five capitals, the country's "
                        "ISO code then three letters or digits 2-9 (e.g. INNSA).",
                        code=port.code,
                    )
                )
            if not port.country_id:
                raise ValidationError(
                    self.env._(
                        "%(code)s does not start with a known country code.",
                        code=port.code,
                    )
                )

    @api.model
    def _oms_find_by_text(self, texts):
        """``{text: port}`` for the free texts that start with a known
        UN/LOCODE ("INNSA", "INNSA (Nhava Sheva)") or are a port's name."""
        texts = {text for text in texts if text and text.strip()}
        keys = {text: self._oms_text_key(text) for text in texts}
        ports = self.with_context(active_test=False).search(
            [
                "|",
                ("code", "in", [code for code, _name in keys.values()]),
                ("name", "in", [name for _code, name in keys.values()]),
            ]
        )
        by_code = {port.code: port for port in ports}
        by_name = {port.name.lower(): port for port in ports}
        found = {}
        for text, (code, name) in keys.items():
            port = by_code.get(code) or by_name.get(name.lower())
            if port:
                found[text] = port
        return found

    @api.model
    def _oms_text_key(self, text):
        """(candidate code, candidate name) of a free text such as
        "INNSA (Nhava Sheva)", "BOM (Mumbai)", "INNSA" or "Hamburg"."""
        text = text.strip()
        match = re.match(r"^(\S+)\s*\((.+)\)$", text)
        if match:
            return match.group(1).upper(), match.group(2).strip()
        return text[:5].upper(), text
