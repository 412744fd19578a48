enum PlaceholderAccordStore {}
