use super::*;
use crate::lang::extract_quantities;

fn values(text: &str) -> Vec<(String, String)> {
    extract_quantities(&Chinese, text)
        .into_iter()
        .map(|m| (m.text.clone(), m.display_value()))
        .collect()
}

#[test]
fn debug_numerals() {
    let c: Vec<char> = "两百万".chars().collect();
    assert_eq!(parse_int(&c), Some(Decimal::from(2_000_000)));
    assert_eq!(
        values("两百万"),
        vec![("两百万".to_string(), "2000000".to_string())]
    );
}
