/// A count with its noun, singular or plural as the count asks: `counted(1, "span")` is
/// "1 span", `counted(3, "span")` "3 spans", `counted(2, "process", "processes")` "2 processes".
func counted(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
