//! The resource types that use a contact list and one table per type: the attributes that name
//! its list, the columns it names and of which kind, the resources it links. Each entry cites
//! the provider's schema: `MyPureCloud/terraform-provider-genesyscloud` at `f955430e` (v1.84.1),
//! `genesyscloud/outbound_*/resource_*_schema.go`, "L" a line.

/// The resource types that use a contact list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserKind {
    Campaign,
    MessagingCampaign,
    ContactListFilter,
    RuleSet,
    DigitalRuleSet,
    DncList,
    ContactListContact,
}

/// What a column reference must name in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Any column of the list.
    Any,
    /// One of the list's phone columns.
    Phone,
    /// One of the list's email columns.
    Email,
    /// One of the list's WhatsApp columns.
    WhatsApp,
}

/// Where a column name is written in a resource: a path of attribute names (`*`: each entry of
/// a block or list; `**`: any depth), and how the name is written there.
#[derive(Debug)]
pub struct ColumnAttribute {
    pub path: &'static [&'static str],
    pub kind: ColumnKind,
    pub form: Form,
    /// Read only when a sibling attribute has one of these values (a rule set condition's
    /// `type`, say).
    pub when: Option<(&'static str, &'static [&'static str])>,
    /// The provider's schema line it comes from.
    pub source: &'static str,
}

/// How a column is named at its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The value is the column's name.
    Value,
    /// Each key of the map is a column's name.
    Keys,
    /// Each value of the map written `contact.NAME` names the column `NAME` (a rule set's
    /// `SET_CALLER_ID` properties).
    PrefixedValues(&'static str),
}

/// An attribute that names other resources that use the list (a campaign's rule sets).
#[derive(Debug)]
pub struct LinkAttribute {
    pub name: &'static str,
    pub target: UserKind,
    pub source: &'static str,
}

const fn column(
    path: &'static [&'static str],
    kind: ColumnKind,
    source: &'static str,
) -> ColumnAttribute {
    ColumnAttribute {
        path,
        kind,
        form: Form::Value,
        when: None,
        source,
    }
}

const fn link(name: &'static str, target: UserKind, source: &'static str) -> LinkAttribute {
    LinkAttribute {
        name,
        target,
        source,
    }
}

use ColumnKind::{Any, Email, Phone, WhatsApp};

const CAMPAIGN_COLUMNS: &[ColumnAttribute] = &[
    column(
        &["phone_columns", "*", "column_name"],
        Phone,
        "outbound_campaign L139, L72",
    ),
    column(
        &["contact_sorts", "*", "field_name"],
        Any,
        "outbound_campaign L218, L224",
    ),
    column(&["skill_columns", "*"], Any, "outbound_campaign L268"),
    column(&["agent_owned_column"], Any, "outbound_campaign L161"),
];

const MESSAGING_COLUMNS: &[ColumnAttribute] = &[
    column(
        &["sms_config", "*", "phone_column"],
        Phone,
        "outbound_messagingcampaign L108",
    ),
    column(
        &["sms_config", "*", "message_column"],
        Any,
        "outbound_messagingcampaign L103",
    ),
    column(
        &["email_config", "*", "email_columns", "*"],
        Email,
        "outbound_messagingcampaign L73",
    ),
    column(
        &["whats_app_config", "*", "whats_app_columns", "*"],
        WhatsApp,
        "outbound_messagingcampaign L128",
    ),
    column(
        &["contact_sorts", "*", "field_name"],
        Any,
        "outbound_messagingcampaign L149",
    ),
];

const FILTER_COLUMNS: &[ColumnAttribute] = &[column(
    &["clauses", "*", "predicates", "*", "column"],
    Any,
    "outbound_contactlistfilter L155, L45, L55",
)];

const RULE_SET_COLUMNS: &[ColumnAttribute] = &[
    ColumnAttribute {
        when: Some(("type", &["contactAttributeCondition"])),
        ..column(
            &["rules", "*", "conditions", "*", "attribute_name"],
            Any,
            "outbound_ruleset L158",
        )
    },
    ColumnAttribute {
        when: Some((
            "property_type",
            &["LAST_ATTEMPT_BY_COLUMN", "LAST_WRAPUP_BY_COLUMN"],
        )),
        ..column(
            &["rules", "*", "conditions", "*", "property"],
            Any,
            "outbound_ruleset L188-197",
        )
    },
    ColumnAttribute {
        form: Form::Keys,
        when: Some(("action_type_name", &["MODIFY_CONTACT_ATTRIBUTE"])),
        ..column(
            &["rules", "*", "actions", "*", "properties"],
            Any,
            "outbound_ruleset L277",
        )
    },
    ColumnAttribute {
        form: Form::PrefixedValues("contact."),
        when: Some(("action_type_name", &["SET_CALLER_ID"])),
        ..column(
            &["rules", "*", "actions", "*", "properties"],
            Any,
            "outbound_ruleset L277",
        )
    },
    column(&["**", "contact_column_name"], Any, "outbound_ruleset L40"),
];

const DIGITAL_RULE_SET_COLUMNS: &[ColumnAttribute] = &[
    column(&["**", "column_name"], Any, "outbound_digitalruleset L38"),
    column(
        &["**", "email_column_name"],
        Any,
        "outbound_digitalruleset L94, L142",
    ),
    column(
        &["**", "sms_column_name"],
        Any,
        "outbound_digitalruleset L99, L153",
    ),
    column(
        &["**", "contact_column_name"],
        Any,
        "outbound_digitalruleset L216",
    ),
    // The columns an action updates, each a key of its map (as a rule set's
    // MODIFY_CONTACT_ATTRIBUTE properties).
    ColumnAttribute {
        form: Form::Keys,
        ..column(
            &[
                "rules",
                "*",
                "actions",
                "*",
                "update_contact_column_action_settings",
                "*",
                "properties",
            ],
            Any,
            "outbound_digitalruleset L402, L329",
        )
    },
];

const DNC_COLUMNS: &[ColumnAttribute] = &[column(
    &["custom_exclusion_column"],
    Any,
    "outbound_dnclist L90",
)];

const CONTACT_COLUMNS: &[ColumnAttribute] = &[
    ColumnAttribute {
        form: Form::Keys,
        ..column(&["data"], Any, "outbound_contact_list_contact L127")
    },
    column(
        &["phone_number_status", "*", "key"],
        Phone,
        "outbound_contact_list_contact L133, L59",
    ),
    column(
        &["contactable_status", "*", "column_status", "*", "column"],
        Any,
        "outbound_contact_list_contact L140, L35, L45",
    ),
];

const CAMPAIGN_LINKS: &[LinkAttribute] = &[
    link("rule_set_ids", UserKind::RuleSet, "outbound_campaign L197"),
    link("dnc_list_ids", UserKind::DncList, "outbound_campaign L166"),
    link(
        "contact_list_filter_ids",
        UserKind::ContactListFilter,
        "outbound_campaign L262",
    ),
];

const MESSAGING_LINKS: &[LinkAttribute] = &[
    link(
        "rule_set_ids",
        UserKind::DigitalRuleSet,
        "outbound_messagingcampaign L279",
    ),
    link(
        "dnc_list_ids",
        UserKind::DncList,
        "outbound_messagingcampaign L256",
    ),
    link(
        "contact_list_filter_ids",
        UserKind::ContactListFilter,
        "outbound_messagingcampaign L285",
    ),
];

impl UserKind {
    pub const ALL: [UserKind; 7] = [
        UserKind::Campaign,
        UserKind::MessagingCampaign,
        UserKind::ContactListFilter,
        UserKind::RuleSet,
        UserKind::DigitalRuleSet,
        UserKind::DncList,
        UserKind::ContactListContact,
    ];

    pub fn type_name(self) -> &'static str {
        match self {
            UserKind::Campaign => "genesyscloud_outbound_campaign",
            UserKind::MessagingCampaign => "genesyscloud_outbound_messagingcampaign",
            UserKind::ContactListFilter => "genesyscloud_outbound_contactlistfilter",
            UserKind::RuleSet => "genesyscloud_outbound_ruleset",
            UserKind::DigitalRuleSet => "genesyscloud_outbound_digitalruleset",
            UserKind::DncList => "genesyscloud_outbound_dnclist",
            UserKind::ContactListContact => "genesyscloud_outbound_contact_list_contact",
        }
    }

    /// What the resource is, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            UserKind::Campaign => "campaign",
            UserKind::MessagingCampaign => "messaging campaign",
            UserKind::ContactListFilter => "contact-list filter",
            UserKind::RuleSet => "rule set",
            UserKind::DigitalRuleSet => "digital rule set",
            UserKind::DncList => "DNC list",
            UserKind::ContactListContact => "contact-list contact",
        }
    }

    /// The attributes that name the resource's own list (a filter may name a template instead):
    /// campaign L98, messaging campaign L251, filter L143/L149, rule set L363, digital rule set
    /// L509, contact L86; a DNC list names none (campaigns name it).
    pub fn list_attributes(self) -> &'static [&'static str] {
        match self {
            UserKind::ContactListFilter => &["contact_list_id", "contact_list_template_id"],
            UserKind::DncList => &[],
            UserKind::Campaign
            | UserKind::MessagingCampaign
            | UserKind::RuleSet
            | UserKind::DigitalRuleSet
            | UserKind::ContactListContact => &["contact_list_id"],
        }
    }

    /// Where the resource names the list's columns.
    pub fn columns(self) -> &'static [ColumnAttribute] {
        match self {
            UserKind::Campaign => CAMPAIGN_COLUMNS,
            UserKind::MessagingCampaign => MESSAGING_COLUMNS,
            UserKind::ContactListFilter => FILTER_COLUMNS,
            UserKind::RuleSet => RULE_SET_COLUMNS,
            UserKind::DigitalRuleSet => DIGITAL_RULE_SET_COLUMNS,
            UserKind::DncList => DNC_COLUMNS,
            UserKind::ContactListContact => CONTACT_COLUMNS,
        }
    }

    /// The attributes that name other resources that use the list.
    pub fn links(self) -> &'static [LinkAttribute] {
        match self {
            UserKind::Campaign => CAMPAIGN_LINKS,
            UserKind::MessagingCampaign => MESSAGING_LINKS,
            UserKind::ContactListFilter
            | UserKind::RuleSet
            | UserKind::DigitalRuleSet
            | UserKind::DncList
            | UserKind::ContactListContact => &[],
        }
    }

    pub(super) fn from_type_name(name: &str) -> Option<UserKind> {
        UserKind::ALL.into_iter().find(|k| k.type_name() == name)
    }
}

/// The meta-arguments that make a resource several instances.
pub(super) const REPEATING: [&str; 2] = ["count", "for_each"];

/// The top-level attributes of a resource that the rules of a module read as written.
pub(super) const SETTINGS: [&str; 5] = [
    "campaign_status",
    "callable_time_set_id",
    "contact_sorts",
    "contact_list_filter_ids",
    "clauses",
];

/// The settings whose presence is what a rule needs: they count when their value is unknown
/// (a reference to a callable time set is the usual form, and the set exists).
pub(super) const PRESENCE: [&str; 2] = ["callable_time_set_id", "contact_list_filter_ids"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_table_of_columns() {
        for kind in UserKind::ALL {
            assert!(!kind.columns().is_empty(), "{kind:?}");
            assert!(
                kind.columns().iter().all(|c| c.source.contains(" L")),
                "{kind:?}"
            );
        }
    }
}
