# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Shipments existing before this module: their Indian port code from
    their port of loading (the ports got their codes from this module's data,
    after the new column was computed)."""
    shipments = (
        env["oms.export.shipment"]
        .with_context(active_test=False)
        .search(
            [
                ("l10n_in_port_code_id", "=", False),
                ("port_loading_id.l10n_in_port_code_id", "!=", False),
            ]
        )
    )
    for port, port_shipments in shipments.grouped("port_loading_id").items():
        port_shipments.l10n_in_port_code_id = port.l10n_in_port_code_id
