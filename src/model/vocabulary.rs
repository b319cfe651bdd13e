//! The Genesys field names contactlint knows, written once. Rules, detection and recognition name
//! fields through these constants; a later mapping (Terraform's snake_case) maps onto them.

/// The list's name (both profiles).
pub const NAME: &str = "name";
/// Inline contacts, which no list body may carry (both profiles).
pub const CONTACTS: &str = "contacts";

/// The definition profile's list type, and its values.
pub const LIST_TYPE: &str = "type";
pub const LIST_TYPES: [&str; 2] = ["CSV_FILE", "API"];
/// The definition profile's columns, each with a `name` and a `type`.
pub const COLUMNS: &str = "columns";
pub const COLUMN_NAME_FIELD: &str = "name";

/// The definition profile's column types, and the api profile's column data types.
pub const DEFINITION_COLUMN_TYPES: [&str; 7] = [
    "STRING", "NUMBER", "PHONE", "EMAIL", "DATE", "DATETIME", "BOOLEAN",
];
pub const API_COLUMN_DATA_TYPES: [&str; 3] = ["TEXT", "NUMERIC", "TIMESTAMP"];

/// The api profile's declared columns.
pub const COLUMN_NAMES: &str = "columnNames";
pub const PHONE_COLUMNS: &str = "phoneColumns";
pub const EMAIL_COLUMNS: &str = "emailColumns";
pub const WHATSAPP_COLUMNS: &str = "whatsAppColumns";
pub const DATA_TYPE_SPECIFICATIONS: &str = "columnDataTypeSpecifications";
/// The field of a phone, email, WhatsApp or data-type entry that names its column.
pub const COLUMN_NAME: &str = "columnName";
pub const ZIP_CODE_COLUMN_NAME: &str = "zipCodeColumnName";
pub const PREVIEW_MODE_COLUMN_NAME: &str = "previewModeColumnName";

/// The arrays whose entries make a contact reachable.
pub const CONTACT_COLUMN_ARRAYS: [&str; 3] = [PHONE_COLUMNS, EMAIL_COLUMNS, WHATSAPP_COLUMNS];

/// Top-level fields that only the api profile has.
pub const API_MARKERS: [&str; 5] = [
    COLUMN_NAMES,
    PHONE_COLUMNS,
    EMAIL_COLUMNS,
    WHATSAPP_COLUMNS,
    DATA_TYPE_SPECIFICATIONS,
];

/// Each array of entries that reference columns, with the legacy and current field of its time
/// column.
pub const TIME_COLUMNS: [(&str, &str, &str); 3] = [
    (
        PHONE_COLUMNS,
        "callableTimeColumn",
        "callableTimeColumnName",
    ),
    (
        EMAIL_COLUMNS,
        "contactableTimeColumn",
        "contactableTimeColumnName",
    ),
    (
        WHATSAPP_COLUMNS,
        "contactableTimeColumn",
        "contactableTimeColumnName",
    ),
];
