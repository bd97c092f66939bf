// Small word lists the sample data is assembled from. Everything is invented; e-mail domains use the
// reserved example.* names (RFC 2606) and phone numbers are random digits.

// prettier-ignore
export const FIRST_NAMES = [
  'James', 'Mary', 'Liam', 'Olivia', 'Noah', 'Emma', 'Sophia', 'Lucas', 'Mia', 'Ethan',
  'Ava', 'Mateo', 'Isabella', 'Amelia', 'Leon', 'Hannah', 'Lukas', 'Lena', 'Jonas', 'Marie',
  'Hugo', 'Chloé', 'Louis', 'Léa', 'Alejandro', 'Lucía', 'Sofía', 'Javier', 'Giulia', 'Marco',
  'Francesca', 'Luca', 'Aiko', 'Haruto', 'Yuki', 'Sakura', 'Wei', 'Mei', 'Arjun', 'Priya',
  'Ananya', 'Rohan', 'Fatima', 'Omar', 'Layla', 'Yusuf', 'Zanele', 'Thabo', 'Chidi', 'Amara',
  'Mateus', 'Beatriz', 'João', 'Ingrid', 'Lars', 'Astrid', 'Søren', 'Zoë', 'Daniel', 'Grace',
  'Ryan', 'Nina', 'Aleksander', 'Zofia', 'Łukasz', 'Björn', 'Elif', 'Emre', 'Linh', 'Minh',
  'Siobhán', 'Ciarán', 'Tomás', 'Kai', 'Maya', 'Noor', 'Hamza', 'Ines', 'Oskar', 'Freya',
]

// prettier-ignore
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Martin', 'Bernard', 'Lefèvre', 'Rossi',
  'Russo', 'Bianchi', 'Romano', 'García', 'Fernández', 'López', 'Sánchez', 'Silva', 'Santos', 'Oliveira',
  'Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Kim',
  'Lee', 'Park', 'Patel', 'Sharma', 'Singh', 'Kumar', 'Nguyen', 'Tran', 'Ali', 'Khan',
  'Hassan', 'Okafor', 'Mensah', 'Dlamini', 'Andersen', 'Nielsen', 'Johansson', 'Larsen', 'Nowak', 'Kowalczyk',
  'Novák', 'Horváth', 'Yılmaz', 'Kaya', "O'Brien", 'Murphy', 'Kelly', 'Walsh', 'MacDonald', 'van Dijk',
  'de Jong', 'Jansen', 'Cohen', 'Levi', 'Ødegaard', 'Ahmed', 'Costa', 'Ferreira', 'Popescu', 'Papadopoulos',
]

// prettier-ignore
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'post.example']

/**
 * Cities with what an address there looks like. Postal patterns: '#' digit, 'A' letter.
 * @typedef {{ city: string, region: string | null, country: string, postal: string, street: StreetStyle, phone: string, tz: number, weight: number }} City
 * @typedef {'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'se' | 'pl' | 'jp' | 'pt'} StreetStyle
 */

// prettier-ignore
/** @type {City[]} */
export const CITIES = [
  { city: 'New York', region: 'NY', country: 'US', postal: '1####', street: 'en', phone: '+1', tz: -300, weight: 6 },
  { city: 'Los Angeles', region: 'CA', country: 'US', postal: '9####', street: 'en', phone: '+1', tz: -480, weight: 5 },
  { city: 'Chicago', region: 'IL', country: 'US', postal: '6####', street: 'en', phone: '+1', tz: -360, weight: 4 },
  { city: 'Houston', region: 'TX', country: 'US', postal: '7####', street: 'en', phone: '+1', tz: -360, weight: 3 },
  { city: 'Seattle', region: 'WA', country: 'US', postal: '98###', street: 'en', phone: '+1', tz: -480, weight: 3 },
  { city: 'Austin', region: 'TX', country: 'US', postal: '787##', street: 'en', phone: '+1', tz: -360, weight: 2 },
  { city: 'Denver', region: 'CO', country: 'US', postal: '802##', street: 'en', phone: '+1', tz: -420, weight: 2 },
  { city: 'Boston', region: 'MA', country: 'US', postal: '021##', street: 'en', phone: '+1', tz: -300, weight: 2 },
  { city: 'Atlanta', region: 'GA', country: 'US', postal: '303##', street: 'en', phone: '+1', tz: -300, weight: 2 },
  { city: 'Toronto', region: 'ON', country: 'CA', postal: 'M#A #A#', street: 'en', phone: '+1', tz: -300, weight: 3 },
  { city: 'Vancouver', region: 'BC', country: 'CA', postal: 'V#A #A#', street: 'en', phone: '+1', tz: -480, weight: 2 },
  { city: 'Montréal', region: 'QC', country: 'CA', postal: 'H#A #A#', street: 'fr', phone: '+1', tz: -300, weight: 2 },
  { city: 'London', region: 'England', country: 'GB', postal: 'AA# #AA', street: 'en', phone: '+44', tz: 0, weight: 5 },
  { city: 'Manchester', region: 'England', country: 'GB', postal: 'M## #AA', street: 'en', phone: '+44', tz: 0, weight: 2 },
  { city: 'Edinburgh', region: 'Scotland', country: 'GB', postal: 'EH# #AA', street: 'en', phone: '+44', tz: 0, weight: 1 },
  { city: 'Dublin', region: null, country: 'IE', postal: 'D## A#A#', street: 'en', phone: '+353', tz: 0, weight: 1 },
  { city: 'Berlin', region: 'Berlin', country: 'DE', postal: '1####', street: 'de', phone: '+49', tz: 60, weight: 3 },
  { city: 'Hamburg', region: 'Hamburg', country: 'DE', postal: '2####', street: 'de', phone: '+49', tz: 60, weight: 2 },
  { city: 'München', region: 'Bayern', country: 'DE', postal: '8####', street: 'de', phone: '+49', tz: 60, weight: 2 },
  { city: 'Paris', region: 'Île-de-France', country: 'FR', postal: '750##', street: 'fr', phone: '+33', tz: 60, weight: 3 },
  { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', country: 'FR', postal: '690##', street: 'fr', phone: '+33', tz: 60, weight: 1 },
  { city: 'Madrid', region: 'Comunidad de Madrid', country: 'ES', postal: '28###', street: 'es', phone: '+34', tz: 60, weight: 2 },
  { city: 'Barcelona', region: 'Cataluña', country: 'ES', postal: '08###', street: 'es', phone: '+34', tz: 60, weight: 2 },
  { city: 'Roma', region: 'Lazio', country: 'IT', postal: '001##', street: 'it', phone: '+39', tz: 60, weight: 2 },
  { city: 'Milano', region: 'Lombardia', country: 'IT', postal: '201##', street: 'it', phone: '+39', tz: 60, weight: 2 },
  { city: 'Amsterdam', region: 'Noord-Holland', country: 'NL', postal: '10## AA', street: 'nl', phone: '+31', tz: 60, weight: 2 },
  { city: 'Stockholm', region: null, country: 'SE', postal: '1## ##', street: 'se', phone: '+46', tz: 60, weight: 1 },
  { city: 'Kraków', region: 'Małopolskie', country: 'PL', postal: '3#-###', street: 'pl', phone: '+48', tz: 60, weight: 1 },
  { city: 'Tokyo', region: 'Tokyo', country: 'JP', postal: '1##-####', street: 'jp', phone: '+81', tz: 540, weight: 3 },
  { city: 'Osaka', region: 'Osaka', country: 'JP', postal: '5##-####', street: 'jp', phone: '+81', tz: 540, weight: 1 },
  { city: 'Sydney', region: 'NSW', country: 'AU', postal: '2###', street: 'en', phone: '+61', tz: 600, weight: 2 },
  { city: 'Melbourne', region: 'VIC', country: 'AU', postal: '3###', street: 'en', phone: '+61', tz: 600, weight: 2 },
  { city: 'São Paulo', region: 'SP', country: 'BR', postal: '0####-###', street: 'pt', phone: '+55', tz: -180, weight: 2 },
  { city: 'Lisboa', region: null, country: 'PT', postal: '1###-###', street: 'pt', phone: '+351', tz: 0, weight: 1 },
  { city: 'Bengaluru', region: 'KA', country: 'IN', postal: '560###', street: 'en', phone: '+91', tz: 330, weight: 2 },
  { city: 'Mumbai', region: 'MH', country: 'IN', postal: '400###', street: 'en', phone: '+91', tz: 330, weight: 2 },
  { city: 'Cape Town', region: 'Western Cape', country: 'ZA', postal: '8###', street: 'en', phone: '+27', tz: 120, weight: 1 },
  { city: 'Ciudad de México', region: 'CDMX', country: 'MX', postal: '0####', street: 'es', phone: '+52', tz: -360, weight: 2 },
  { city: 'Singapore', region: null, country: 'SG', postal: '######', street: 'en', phone: '+65', tz: 480, weight: 1 },
  { city: 'Auckland', region: null, country: 'NZ', postal: '10##', street: 'en', phone: '+64', tz: 720, weight: 1 },
]

// prettier-ignore
/** @type {Record<StreetStyle, readonly string[]>} */
export const STREET_NAMES = {
  en: ['Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Lake', 'Hill', 'Park', 'Main', 'Church', 'Mill', 'River', 'Spring', 'High', 'Station', 'King', 'Queen', 'Victoria', 'Harbour', 'Meadow'],
  de: ['Haupt', 'Bahnhof', 'Garten', 'Berg', 'Schiller', 'Goethe', 'Linden', 'Kirch', 'Wald', 'Mühlen'],
  fr: ['de la Paix', 'Victor Hugo', 'du Moulin', 'des Lilas', 'Pasteur', 'de la République', 'Saint-Denis', 'des Écoles'],
  es: ['Mayor', 'del Sol', 'de Alcalá', 'Real', 'de la Luna', 'Gran Vía', 'del Carmen', 'de Serrano'],
  it: ['Roma', 'Garibaldi', 'Dante', 'Verdi', 'Mazzini', 'Cavour', 'del Corso', 'Manzoni'],
  nl: ['Kerk', 'Molen', 'School', 'Dorps', 'Heren', 'Prinsen', 'Keizers', 'Brouwers'],
  se: ['Stor', 'Kungs', 'Drottning', 'Skol', 'Kyrko', 'Hamn', 'Strand', 'Sjö'],
  pl: ['Długa', 'Floriańska', 'Mickiewicza', 'Szewska', 'Grodzka', 'Karmelicka', 'Lubicz', 'Starowiślna'],
  jp: ['Shibuya', 'Minato', 'Chiyoda', 'Shinjuku', 'Meguro', 'Setagaya', 'Kita', 'Chūō'],
  pt: ['Augusta', 'das Flores', 'Oscar Freire', 'da Liberdade', 'do Carmo', 'Direita', 'da Prata', 'Nova'],
}

// prettier-ignore
export const STREET_SUFFIXES = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Way', 'Boulevard', 'Court', 'Place', 'Terrace']

// prettier-ignore
export const COMPANY_WORDS = [
  'Bluepeak', 'Ironwood', 'Brightleaf', 'Kestrel', 'Tidewater', 'Copperline', 'Northwind', 'Silverbirch', 'Redstone', 'Greenfield',
  'Harborview', 'Oakridge', 'Summit', 'Lakeside', 'Granite', 'Evergreen', 'Foxglove', 'Windmill', 'Starling', 'Riverbend',
  'Highland', 'Westgate', 'Sunrise', 'Blackthorn', 'Clearwater', 'Meridian', 'Pinecrest', 'Stonebridge', 'Bramble', 'Larkspur',
]

// prettier-ignore
export const COMPANY_SUFFIXES = ['Trading Co.', 'Supply', 'Industries', 'Imports', 'Wholesale', 'GmbH', 'Ltd', 'S.A.', 'Manufacturing', '& Sons', 'Goods', 'K.K.']

// prettier-ignore
export const BRANDS = ['Nordhaven', 'Brightleaf', 'Kestrel', 'Alder & Co', 'Bluepeak', 'Ironwood', 'Solace', 'Maple Row', 'Tidewater', 'Copperline', 'Orbit', 'Fjell', 'Lumen', 'Velo', 'Kumo']

// prettier-ignore
export const PRODUCT_ADJECTIVES = [
  'Classic', 'Premium', 'Compact', 'Deluxe', 'Eco', 'Ultra', 'Smart', 'Pro', 'Mini', 'Essential',
  'Vintage', 'Modern', 'Rugged', 'Lightweight', 'Wireless', 'Foldable', 'Organic', 'Handmade', 'Travel', 'Everyday',
]

// prettier-ignore
export const COLORS = ['black', 'white', 'navy', 'grey', 'red', 'forest green', 'sand', 'teal', 'mustard', 'charcoal', 'rose', 'sky blue']

/**
 * The category tree. Leaves carry the nouns their products are named after and a price range in USD;
 * top-level categories the materials their products are made of.
 * @typedef {{ name: string, description?: string, materials?: string[], children?: CategoryNode[], nouns?: string[], price?: [number, number] }} CategoryNode
 */

// prettier-ignore
/** @type {CategoryNode[]} */
export const CATEGORY_TREE = [
  {
    name: 'Electronics',
    description: 'Gadgets, audio and computer accessories',
    materials: ['aluminium', 'recycled plastic', 'silicone', 'glass', 'steel'],
    children: [
      { name: 'Audio', children: [
        { name: 'Headphones', nouns: ['Headphones', 'Earbuds', 'Headset'], price: [19, 399] },
        { name: 'Speakers', nouns: ['Speaker', 'Soundbar', 'Smart Speaker'], price: [25, 499] },
      ] },
      { name: 'Computer Accessories', nouns: ['Keyboard', 'Mouse', 'Webcam', 'USB-C Hub', 'Monitor Stand'], price: [9, 189] },
      { name: 'Phones & Tablets', nouns: ['Phone Case', 'Screen Protector', 'Tablet Stand', 'Stylus'], price: [7, 89] },
      { name: 'Power & Charging', nouns: ['Power Bank', 'Charger', 'Charging Cable', 'Wireless Charger'], price: [8, 129] },
      { name: 'Wearables', nouns: ['Smartwatch', 'Fitness Tracker', 'Watch Strap'], price: [15, 449] },
    ],
  },
  {
    name: 'Home & Kitchen',
    description: 'Cookware, tableware and everything for the home',
    materials: ['stainless steel', 'cast iron', 'ceramic', 'glass', 'bamboo', 'cotton', 'linen'],
    children: [
      { name: 'Cookware', nouns: ['Frying Pan', 'Saucepan', 'Dutch Oven', 'Wok', 'Stock Pot'], price: [18, 260] },
      { name: 'Tableware', nouns: ['Dinner Plate Set', 'Mug', 'Bowl Set', 'Wine Glass Set', 'Serving Platter'], price: [8, 140] },
      { name: 'Small Appliances', nouns: ['Kettle', 'Toaster', 'Blender', 'Coffee Grinder', 'Espresso Machine'], price: [24, 690] },
      { name: 'Storage', nouns: ['Food Container Set', 'Spice Rack', 'Bread Bin', 'Storage Basket'], price: [9, 75] },
      { name: 'Bedding', nouns: ['Duvet Cover', 'Pillow', 'Fitted Sheet', 'Throw Blanket'], price: [15, 220] },
    ],
  },
  {
    name: 'Books',
    description: 'Printed books and notebooks',
    materials: ['paper', 'hardcover', 'paperback', 'recycled paper'],
    children: [
      { name: 'Fiction', nouns: ['Novel', 'Short Story Collection', 'Mystery Novel', 'Fantasy Saga'], price: [7, 32] },
      { name: 'Non-fiction', nouns: ['Biography', 'History of Cartography', 'Field Guide', 'Essay Collection'], price: [9, 45] },
      { name: 'Cookbooks', nouns: ['Cookbook', 'Baking Handbook', 'Vegetarian Kitchen'], price: [12, 48] },
      { name: 'Stationery', nouns: ['Notebook', 'Planner', 'Sketchbook', 'Fountain Pen'], price: [4, 120] },
    ],
  },
  {
    name: 'Clothing',
    description: 'Apparel and accessories for everyone',
    materials: ['cotton', 'wool', 'linen', 'denim', 'leather', 'recycled polyester'],
    children: [
      { name: 'Tops', nouns: ['T-Shirt', 'Hoodie', 'Sweater', 'Flannel Shirt'], price: [12, 140] },
      { name: 'Bottoms', nouns: ['Jeans', 'Chinos', 'Joggers', 'Shorts'], price: [18, 160] },
      { name: 'Outerwear', nouns: ['Rain Jacket', 'Parka', 'Gilet', 'Windbreaker'], price: [45, 420] },
      { name: 'Footwear', children: [
        { name: 'Sneakers', nouns: ['Sneakers', 'Running Shoes', 'Trail Shoes'], price: [39, 220] },
        { name: 'Boots', nouns: ['Chelsea Boots', 'Hiking Boots', 'Rain Boots'], price: [49, 310] },
      ] },
      { name: 'Accessories', nouns: ['Scarf', 'Beanie', 'Belt', 'Backpack', 'Sunglasses'], price: [9, 180] },
    ],
  },
  {
    name: 'Sports & Outdoors',
    description: 'Gear for training, camping and the trail',
    materials: ['nylon', 'aluminium', 'rubber', 'recycled polyester', 'steel'],
    children: [
      { name: 'Camping', nouns: ['Tent', 'Sleeping Bag', 'Camping Stove', 'Headlamp', 'Camp Chair'], price: [14, 540] },
      { name: 'Fitness', nouns: ['Yoga Mat', 'Kettlebell', 'Resistance Band Set', 'Foam Roller', 'Jump Rope'], price: [8, 160] },
      { name: 'Cycling', nouns: ['Bike Light', 'Helmet', 'Bike Lock', 'Saddle Bag', 'Bottle Cage'], price: [9, 230] },
      { name: 'Water Sports', nouns: ['Swim Goggles', 'Dry Bag', 'Paddle', 'Wetsuit'], price: [11, 380] },
    ],
  },
  {
    name: 'Toys & Games',
    description: 'Board games, puzzles and building sets',
    materials: ['wood', 'cardboard', 'recycled plastic'],
    children: [
      { name: 'Board Games', nouns: ['Board Game', 'Card Game', 'Strategy Game', 'Party Game'], price: [12, 95] },
      { name: 'Puzzles', nouns: ['Jigsaw Puzzle', 'Puzzle Cube', 'Wooden Puzzle'], price: [8, 45] },
      { name: 'Building Sets', nouns: ['Building Set', 'Marble Run', 'Construction Kit'], price: [15, 180] },
    ],
  },
  {
    name: 'Beauty & Personal Care',
    description: 'Skin care, hair care and grooming',
    materials: ['glass', 'recycled plastic', 'aluminium', 'bamboo'],
    children: [
      { name: 'Skin Care', nouns: ['Face Cream', 'Serum', 'Cleanser', 'Sunscreen'], price: [6, 95] },
      { name: 'Hair Care', nouns: ['Shampoo', 'Conditioner', 'Hair Dryer', 'Hair Brush'], price: [5, 240] },
      { name: 'Grooming', nouns: ['Beard Trimmer', 'Razor', 'Shaving Cream', 'Nail Kit'], price: [6, 160] },
    ],
  },
  {
    name: 'Garden',
    description: 'Tools, planters and outdoor living',
    materials: ['steel', 'terracotta', 'wood', 'rubber', 'recycled plastic'],
    children: [
      { name: 'Garden Tools', nouns: ['Pruning Shears', 'Trowel', 'Garden Hose', 'Rake', 'Watering Can'], price: [7, 120] },
      { name: 'Planters', nouns: ['Planter', 'Raised Bed', 'Window Box', 'Hanging Basket'], price: [9, 210] },
      { name: 'Outdoor Living', nouns: ['Hammock', 'String Lights', 'Bird Feeder', 'Fire Pit'], price: [12, 480] },
    ],
  },
  {
    name: 'Office',
    description: 'Desks, chairs and office supplies',
    materials: ['oak', 'steel', 'recycled plastic', 'mesh', 'paper'],
    children: [
      { name: 'Furniture', nouns: ['Desk', 'Office Chair', 'Bookshelf', 'Filing Cabinet'], price: [59, 890] },
      { name: 'Supplies', nouns: ['Sticky Notes', 'Desk Organizer', 'Stapler', 'Label Maker', 'Whiteboard'], price: [3, 85] },
    ],
  },
]

// prettier-ignore
export const DEPARTMENTS = ['Sales', 'Customer Support', 'Operations', 'Engineering', 'Marketing']

// prettier-ignore
export const PAYMENT_METHODS = ['card', 'paypal', 'bank_transfer', 'gift_card', 'apple_pay', 'google_pay']
// prettier-ignore
export const CARRIERS = ['UPS', 'FedEx', 'DHL', 'USPS', 'Royal Mail', 'PostNL', 'La Poste', 'Japan Post']
// prettier-ignore
export const COUPONS = ['WELCOME10', 'SPRING24', 'FREESHIP', 'VIP20', 'BLACKFRIDAY', 'SUMMER25']
// prettier-ignore
export const ORDER_NOTES = [
  'Please leave the parcel with a neighbour.',
  'Gift wrap, no invoice in the box.',
  'Ring the bell twice.',
  'Deliver after 5 pm.',
  'Call on arrival: the entrance is at the back.',
  'Fragile!',
]
// prettier-ignore
export const CUSTOMER_NOTES = [
  'Prefers e-mail over phone.',
  'VIP: handle complaints personally.',
  'Asked to be contacted in Spanish.',
  'Repeated failed deliveries in 2023.',
  'Wholesale enquiry, see ticket #4411.',
  'Birthday discount sent.',
]

// prettier-ignore
export const REVIEW_TITLES = {
  good: ['Love it', 'Exactly as described', 'Great value', 'Five stars', 'Better than expected', 'Would buy again', 'Perfect gift', 'Excellent quality 👍', 'Très bien', 'Sehr gut!'],
  mixed: ['Decent', 'Okay for the price', 'Does the job', 'Mixed feelings', 'Good but not great'],
  bad: ['Disappointed', 'Broke after a week', 'Not as pictured', 'Would not recommend', 'Arrived damaged', 'Too small 😕'],
}

// prettier-ignore
export const REVIEW_SENTENCES = {
  good: [
    'The build quality is excellent and it feels like it will last for years.',
    'Shipping was fast and the packaging was minimal, which I appreciate.',
    'I use it every day and it has not let me down once.',
    'Bought a second one for my parents.',
    'The colour is exactly as shown in the photos.',
    'Setup took less than five minutes.',
    'Much better than the one I had before.',
  ],
  mixed: [
    'It works, but the instructions could be clearer.',
    'Quality is fine for the price, nothing special.',
    'Took longer to arrive than promised.',
    'A bit smaller than I expected from the pictures.',
    'Customer service was helpful when I had a question.',
  ],
  bad: [
    'It stopped working after a few days of light use.',
    'The stitching came apart almost immediately.',
    'It arrived with a cracked corner and a missing part.',
    'Returned it; the refund took three weeks.',
    'The material feels cheap and smells strongly of plastic.',
  ],
}

// Vocabulary for the sentence-like event payloads: regular sentences of 40-70 characters, medium ones of
// 20-40 and short ones of 9-17, so a payload can be filled to a target length with whole sentences.
// prettier-ignore
export const PAYLOAD = {
  subjects: ['The shopper', 'A guest', 'The client', 'The app', 'The browser', 'The session', 'The user', 'A crawler', 'The visitor', 'The widget'],
  verbs: ['opened', 'viewed', 'loaded', 'compared', 'filtered', 'reloaded', 'requested', 'closed', 'saved', 'shared', 'scrolled', 'sorted', 'skipped', 'updated'],
  adjectives: ['new', 'seasonal', 'featured', 'discounted', 'local', 'bundled', 'cached', 'mobile'],
  objects: ['product page', 'category list', 'shopping cart', 'wish list', 'search results', 'order history', 'size guide', 'reviews tab', 'promo banner', 'delivery slots', 'gift card page', 'store locator'],
  tails: ['after a short delay', 'without errors', 'on a slow network', 'from the newsletter', 'at peak time', 'from a saved link', 'in the mobile app', 'in under a second', 'after two retries', 'with a warm cache', 'from a search ad', 'on the first try'],
  medium: ['Recommendations were refreshed.', 'Prices were shown in USD.', 'The consent banner was dismissed.', 'Stock levels were rechecked.', 'The coupon field was left empty.', 'Shipping costs were estimated.', 'The layout switched to grid view.', 'Nothing was added to the cart.'],
  short: ['All good.', 'Status OK.', 'Cache hit.', 'Retried once.', 'No errors.', 'Session kept.', 'Cart saved.', 'Done.', 'Logged in.', 'Page cached.'],
}

// prettier-ignore
export const EVENT_LABELS = {
  page_view: ['home', 'category', 'search results', 'cart', 'checkout', 'account', 'order history', 'help center', 'deals', 'wishlist'],
  product_view: ['recommendation', 'search', 'category', 'direct', 'email', 'ad'],
  search: ['headphones', 'running shoes', 'coffee', 'tent', 'desk', 'gift for dad', 'yoga mat', 'café', 'größe 42', '日本茶', 'lego', 'sale'],
  add_to_cart: ['product page', 'quick add', 'wishlist', 'recommendation'],
  remove_from_cart: ['cart', 'checkout'],
  checkout_started: ['guest', 'member', 'express'],
  purchase: ['card', 'paypal', 'gift_card', 'apple_pay'],
  login: ['password', 'google', 'apple', 'magic link'],
  logout: ['manual', 'timeout'],
  signup: ['email', 'google', 'apple'],
  review_posted: ['1 star', '2 stars', '3 stars', '4 stars', '5 stars'],
  error: ['E_TIMEOUT', 'E_PAYMENT_DECLINED', 'E_NOT_FOUND', 'E_RATE_LIMITED', 'E_INTERNAL'],
}

// prettier-ignore
export const UTM_SOURCES = ['newsletter', 'google', 'instagram', 'affiliate', 'podcast', 'partner']
// prettier-ignore
export const UTM_CAMPAIGNS = ['spring-sale', 'back-to-school', 'black-friday', 'winter-warmers', 'new-arrivals']
// prettier-ignore
export const BROWSERS = ['Firefox', 'Chrome', 'Safari', 'Edge', 'Samsung Internet']
// prettier-ignore
export const TIME_ZONE_OFFSETS = [0, 60, 120, -300, -360, -420, -480, -180, 330, 540, 600, 345, -210]
