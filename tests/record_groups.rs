//! The generator splits a record's field group at the length the runtime
//! reads as one tuple of slots; the two limits must be the same number.

#[test]
fn the_generator_splits_groups_where_the_runtime_needs_it() {
    assert_eq!(
        hostapi_codegen::emit::MAX_GROUP_FIELDS,
        hostapi_runtime::record::slots::MAX_GROUP_FIELDS
    );
}
