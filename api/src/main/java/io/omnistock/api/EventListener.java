package io.omnistock.api;

/**
 * Receives the engine's events in sequence order, off the writer thread. Override the {@code onX} methods
 * of the events you care about, or {@link #onEvent(Event)} to see them all. The {@link Event} is a flyweight
 * valid only during the call. Listeners must not block for long: a slow listener slows the pipeline once
 * the ring is full (back-pressure, never loss).
 */
public interface EventListener
{
    /**
     * Called for every event; dispatches to the typed method by default.
     *
     * @param event the event, valid only during the call.
     */
    default void onEvent(final Event event)
    {
        switch (event.type())
        {
            case SKU_DEFINED:
                onSkuDefined(event);
                break;
            case LOCATION_DEFINED:
                onLocationDefined(event);
                break;
            case CHANNEL_DEFINED:
                onChannelDefined(event);
                break;
            case CHANNEL_RULE_SET:
                onChannelRuleSet(event);
                break;
            case PRICE_SET:
                onPriceSet(event);
                break;
            case PROMOTION_DEFINED:
                onPromotionDefined(event);
                break;
            case RECEIVED:
                onReceived(event);
                break;
            case RECEIPT_EXPECTED:
                onReceiptExpected(event);
                break;
            case ADJUSTED:
                onAdjusted(event);
                break;
            case COUNTED:
                onCounted(event);
                break;
            case SAFETY_STOCK_SET:
                onSafetyStockSet(event);
                break;
            case SOLD:
                onSold(event);
                break;
            case TRANSFER_SHIPPED:
                onTransferShipped(event);
                break;
            case TRANSFER_RECEIVED:
                onTransferReceived(event);
                break;
            case RETURNED:
                onReturned(event);
                break;
            case RESERVED:
                onReserved(event);
                break;
            case HOLD_EXTENDED:
                onHoldExtended(event);
                break;
            case CONFIRMED:
                onConfirmed(event);
                break;
            case RELEASED:
                onReleased(event);
                break;
            case EXPIRED:
                onExpired(event);
                break;
            case FULFILLED:
                onFulfilled(event);
                break;
            case TIME_ADVANCED:
                onTimeAdvanced(event);
                break;
            case REJECTED:
                onRejected(event);
                break;
            case OVERSOLD:
                onOversold(event);
                break;
            case THRESHOLD_CROSSED:
                onThresholdCrossed(event);
                break;
            default:
                break;
        }
    }

    /**
     * A {@link EventType#SKU_DEFINED} event.
     *
     * @param event the event.
     */
    default void onSkuDefined(final Event event)
    {
    }

    /**
     * A {@link EventType#LOCATION_DEFINED} event.
     *
     * @param event the event.
     */
    default void onLocationDefined(final Event event)
    {
    }

    /**
     * A {@link EventType#CHANNEL_DEFINED} event.
     *
     * @param event the event.
     */
    default void onChannelDefined(final Event event)
    {
    }

    /**
     * A {@link EventType#CHANNEL_RULE_SET} event.
     *
     * @param event the event.
     */
    default void onChannelRuleSet(final Event event)
    {
    }

    /**
     * A {@link EventType#PRICE_SET} event.
     *
     * @param event the event.
     */
    default void onPriceSet(final Event event)
    {
    }

    /**
     * A {@link EventType#PROMOTION_DEFINED} event.
     *
     * @param event the event.
     */
    default void onPromotionDefined(final Event event)
    {
    }

    /**
     * A {@link EventType#RECEIVED} event.
     *
     * @param event the event.
     */
    default void onReceived(final Event event)
    {
    }

    /**
     * A {@link EventType#RECEIPT_EXPECTED} event.
     *
     * @param event the event.
     */
    default void onReceiptExpected(final Event event)
    {
    }

    /**
     * A {@link EventType#ADJUSTED} event.
     *
     * @param event the event.
     */
    default void onAdjusted(final Event event)
    {
    }

    /**
     * A {@link EventType#COUNTED} event.
     *
     * @param event the event.
     */
    default void onCounted(final Event event)
    {
    }

    /**
     * A {@link EventType#SAFETY_STOCK_SET} event.
     *
     * @param event the event.
     */
    default void onSafetyStockSet(final Event event)
    {
    }

    /**
     * A {@link EventType#SOLD} event.
     *
     * @param event the event.
     */
    default void onSold(final Event event)
    {
    }

    /**
     * A {@link EventType#TRANSFER_SHIPPED} event.
     *
     * @param event the event.
     */
    default void onTransferShipped(final Event event)
    {
    }

    /**
     * A {@link EventType#TRANSFER_RECEIVED} event.
     *
     * @param event the event.
     */
    default void onTransferReceived(final Event event)
    {
    }

    /**
     * A {@link EventType#RETURNED} event.
     *
     * @param event the event.
     */
    default void onReturned(final Event event)
    {
    }

    /**
     * A {@link EventType#RESERVED} event.
     *
     * @param event the event.
     */
    default void onReserved(final Event event)
    {
    }

    /**
     * A {@link EventType#HOLD_EXTENDED} event.
     *
     * @param event the event.
     */
    default void onHoldExtended(final Event event)
    {
    }

    /**
     * A {@link EventType#CONFIRMED} event.
     *
     * @param event the event.
     */
    default void onConfirmed(final Event event)
    {
    }

    /**
     * A {@link EventType#RELEASED} event.
     *
     * @param event the event.
     */
    default void onReleased(final Event event)
    {
    }

    /**
     * A {@link EventType#EXPIRED} event.
     *
     * @param event the event.
     */
    default void onExpired(final Event event)
    {
    }

    /**
     * A {@link EventType#FULFILLED} event.
     *
     * @param event the event.
     */
    default void onFulfilled(final Event event)
    {
    }

    /**
     * A {@link EventType#TIME_ADVANCED} event.
     *
     * @param event the event.
     */
    default void onTimeAdvanced(final Event event)
    {
    }

    /**
     * A {@link EventType#REJECTED} event.
     *
     * @param event the event.
     */
    default void onRejected(final Event event)
    {
    }

    /**
     * A {@link EventType#OVERSOLD} event.
     *
     * @param event the event.
     */
    default void onOversold(final Event event)
    {
    }

    /**
     * A {@link EventType#THRESHOLD_CROSSED} event: low stock, out of stock or back in stock. Its sequence number
     * identifies it for good, so a host delivering webhooks can skip what it already sent after a restart.
     *
     * @param event the event.
     */
    default void onThresholdCrossed(final Event event)
    {
    }
}
