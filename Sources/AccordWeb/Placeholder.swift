enum PlaceholderAccordWeb {}
