extension Array {
    /// `count` copies of `value`, as `init(repeating:count:)` gives them, through a path the
    /// compiler specializes for `Element`. (`init(repeating:count:)` and
    /// `init(unsafeUninitializedCapacity:initializingWith:)` allocate through a generic runtime
    /// function that looks the storage class up in the metadata cache: several hundred
    /// instructions per array, a dozen arrays per document.)
    @inline(__always)
    init(filledWith value: Element, count: Int) {
        self.init(repeatElement(value, count: count))
    }
}
