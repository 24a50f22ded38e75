# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import helpdesk_ticket
from . import oms_export_shipment
